package dev.bulwark.scan.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Shared Jackson mappers configured with the {@link ParseLimits} (nesting depth, YAML size and alias
 * limits), and small helpers common to several parsers. One instance per scanner; thread-safe.
 */
final class Parsing {
    private static final Pattern PEP503 = Pattern.compile("[-_.]+");

    private final ParseLimits limits;
    // Built on first use: a scan of requirements.txt files needs none of them, and building one loads Jackson
    // databind (issue 12's cold start).
    private ObjectMapper json;
    private ObjectMapper yaml;
    private ObjectMapper toml;

    Parsing(ParseLimits limits) {
        this.limits = limits;
    }

    ParseLimits limits() {
        return limits;
    }

    synchronized ObjectMapper json() {
        if (json == null) {
            json = Mappers.json(limits);
        }
        return json;
    }

    synchronized ObjectMapper yaml() {
        if (yaml == null) {
            yaml = Mappers.yaml(limits);
        }
        return yaml;
    }

    synchronized ObjectMapper toml() {
        if (toml == null) {
            toml = Mappers.toml(limits);
        }
        return toml;
    }

    /**
     * The mappers, configured with the limits. A class of its own so that loading {@link Parsing} loads none of
     * their classes (the verifier would, checking a {@code YAMLMapper} is an {@code ObjectMapper}).
     */
    private static final class Mappers {
        private Mappers() {
        }

        private static StreamReadConstraints constraints(ParseLimits limits) {
            return StreamReadConstraints.builder().maxNestingDepth(limits.maxNestingDepth()).build();
        }

        static ObjectMapper json(ParseLimits limits) {
            JsonFactory jf = JsonFactory.builder()
                    .streamReadConstraints(constraints(limits))
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build();
            return new ObjectMapper(jf);
        }

        static ObjectMapper yaml(ParseLimits limits) {
            LoaderOptions loader = new LoaderOptions();
            loader.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
            loader.setNestingDepthLimit(limits.maxNestingDepth());
            loader.setMaxAliasesForCollections(50);
            return new YAMLMapper(YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(constraints(limits))
                    .build());
        }

        static ObjectMapper toml(ParseLimits limits) {
            return new TomlMapper(TomlFactory.builder().streamReadConstraints(constraints(limits)).build());
        }
    }

    /** PEP 503 normalised PyPI name: lower case, runs of {@code -_.} become one {@code -}. */
    static String pep503(String name) {
        return PEP503.matcher(name.trim()).replaceAll("-").toLowerCase(Locale.ROOT);
    }

    /** A clear message for a Jackson failure, with its line when known. */
    static ManifestFormatException malformed(String what, JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
        String msg = e.getOriginalMessage();
        if (msg != null && msg.contains("Unexpected end-of-input")) {
            msg = "truncated: unexpected end of input";
        }
        return new ManifestFormatException("not valid " + what + ": " + msg, line, e);
    }
}
