package dev.bulwark.scan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scan.model.Ecosystem;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Pipenv {@code Pipfile.lock}: {@code default} and {@code develop} maps of name to
 * {@code {"version": "==x"}}. A package in both is reported once, as a runtime dependency. Entries with no
 * pinned version (editable paths, VCS checkouts) are listed as unpinned.
 */
final class PipfileLockParser implements ManifestParser {
    static final String FORMAT = "Pipfile.lock";

    private final Parsing parsing;
    private final SiblingManifests siblings;

    PipfileLockParser(Parsing parsing, SiblingManifests siblings) {
        this.parsing = parsing;
        this.siblings = siblings;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.equals(FORMAT);
    }

    @Override
    public void parse(ManifestInput input, ParseSink sink) throws IOException, ManifestFormatException {
        Set<String> seen = new HashSet<>();
        boolean[] sections = {false};
        DirectDeps direct = siblings.pipfile(input.file(), sink).orElse(null);
        JsonStream.topLevel(parsing.json(), input, FORMAT, (name, p) -> {
            if (!name.equals("default") && !name.equals("develop")) {
                return false;
            }
            sections[0] = true;
            boolean dev = name.equals("develop");
            JsonStream.eachEntry(p, (key, line, node) -> entry(key, line, node, dev, direct, seen, sink));
            return true;
        });
        if (!sections[0]) {
            throw new ManifestFormatException("unknown format: no 'default' or 'develop' section; not a Pipfile.lock", 1);
        }
        if (direct == null) {
            sink.note("Pipfile.lock does not say which packages are direct and no Pipfile was found beside it");
        }
        sink.note("environment markers were not evaluated: every locked package is reported");
    }

    private static void entry(String key, int line, JsonNode node, boolean dev, DirectDeps direct, Set<String> seen,
                              ParseSink sink) {
        String name = Parsing.pep503(key);
        String version = JsonStream.text(node, "version");
        if (version == null) {
            String origin = JsonStream.text(node, "path") != null ? "path " + JsonStream.text(node, "path")
                    : JsonStream.text(node, "git") != null ? "git " + JsonStream.text(node, "git")
                    : JsonStream.text(node, "file") != null ? "file " + JsonStream.text(node, "file")
                    : "no version";
            if (node.path("editable").asBoolean(false)) {
                origin = "editable " + origin;
            }
            sink.unpinned(Ecosystem.PYPI, name, origin, line);
            return;
        }
        String v = version.trim();
        if (!v.startsWith("==") || v.contains("*")) {
            sink.unpinned(Ecosystem.PYPI, name, v, line);
            return;
        }
        if (seen.add(name)) {
            sink.add(Ecosystem.PYPI, name, v.replaceFirst("^===?", "").trim(), line, DirectDeps.relationship(direct, name), dev);
        }
    }
}
