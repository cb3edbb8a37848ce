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

    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final ObjectMapper toml;
    private final ParseLimits limits;

    Parsing(ParseLimits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .build();
        JsonFactory jf = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.json = new ObjectMapper(jf);
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
        loader.setNestingDepthLimit(limits.maxNestingDepth());
        loader.setMaxAliasesForCollections(50);
        this.yaml = new YAMLMapper(YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(constraints).build());
        this.toml = new TomlMapper(TomlFactory.builder().streamReadConstraints(constraints).build());
    }

    ParseLimits limits() {
        return limits;
    }

    ObjectMapper json() {
        return json;
    }

    ObjectMapper yaml() {
        return yaml;
    }

    ObjectMapper toml() {
        return toml;
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
