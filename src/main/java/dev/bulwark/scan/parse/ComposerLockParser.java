package dev.bulwark.scan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scan.model.Ecosystem;
import java.io.IOException;
import java.util.Locale;

/**
 * PHP Composer {@code composer.lock}: {@code packages} and {@code packages-dev} arrays. Branch versions
 * ({@code dev-main}, {@code 1.x-dev}) are not releases and are listed as unpinned.
 */
final class ComposerLockParser implements ManifestParser {
    static final String FORMAT = "composer.lock";

    private final Parsing parsing;
    private final SiblingManifests siblings;

    ComposerLockParser(Parsing parsing, SiblingManifests siblings) {
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
        boolean[] sections = {false};
        DirectDeps direct = siblings.composerJson(input.file(), sink).orElse(null);
        JsonStream.topLevel(parsing.json(), input, FORMAT, (name, p) -> {
            if (!name.equals("packages") && !name.equals("packages-dev")) {
                return false;
            }
            sections[0] = true;
            boolean dev = name.equals("packages-dev");
            JsonStream.eachElement(p, (line, node) -> element(line, node, dev, direct, sink));
            return true;
        });
        if (!sections[0]) {
            throw new ManifestFormatException("unknown format: no 'packages' array; not a composer.lock", 1);
        }
        if (direct == null) {
            sink.note("composer.lock does not say which packages are direct and no composer.json was found beside it");
        }
    }

    private static void element(int line, JsonNode node, boolean dev, DirectDeps direct, ParseSink sink) {
        String name = JsonStream.text(node, "name");
        String version = JsonStream.text(node, "version");
        if (name == null || name.isBlank()) {
            sink.error(line, "package without a name; skipped");
            return;
        }
        name = name.toLowerCase(Locale.ROOT);
        if (version == null || version.isBlank()) {
            sink.error(line, "package '" + name + "' has no version; skipped");
            return;
        }
        if (version.startsWith("dev-") || version.endsWith("-dev")) {
            sink.unpinned(Ecosystem.PACKAGIST, name, version + " (branch, not a release)", line);
            return;
        }
        sink.add(Ecosystem.PACKAGIST, name, version, line, DirectDeps.relationship(direct, name), dev);
    }
}
