package dev.bulwark.scan.parse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Chooses the parser for a file: by file name first; for explicitly named files, by content. */
final class FormatDetector {
    private static final int SNIFF = 4096;
    private final List<ManifestParser> parsers;

    FormatDetector(List<ManifestParser> parsers) {
        this.parsers = parsers;
    }

    boolean isManifestName(String fileName) {
        return parsers.stream().anyMatch(p -> p.accepts(fileName));
    }

    Optional<ManifestParser> byName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toString();
        return parsers.stream().filter(p -> p.accepts(n)).findFirst();
    }

    /** Recognises renamed JSON manifests by their characteristic top-level keys. */
    Optional<ManifestParser> byContent(ManifestInput input) {
        byte[] b = input.bytes();
        String head = new String(b, 0, Math.min(b.length, SNIFF), StandardCharsets.UTF_8);
        String format = null;
        if (head.contains("\"bomFormat\"") && head.contains("CycloneDX")) {
            format = CycloneDxParser.FORMAT;
        } else if (head.contains("\"lockfileVersion\"")) {
            format = PackageLockParser.FORMAT;
        } else if (head.contains("\"_meta\"") && head.contains("\"pipfile-spec\"")) {
            format = PipfileLockParser.FORMAT;
        } else if (head.contains("\"content-hash\"") && head.contains("\"packages\"")) {
            format = ComposerLockParser.FORMAT;
        }
        String f = format;
        return f == null ? Optional.empty() : parsers.stream().filter(p -> p.format().equals(f)).findFirst();
    }
}
