package dev.bulwark.scan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Rust {@code Cargo.lock}, every format: v1 (checksums in {@code [metadata]}), v2 (inline checksums, no
 * version key) and v3/v4 ({@code version = N}). Only crates.io packages are reported; workspace members
 * (no {@code source}) are the project itself and their dependencies are the direct ones.
 */
final class CargoLockParser implements ManifestParser {
    static final String FORMAT = "Cargo.lock";

    private final Parsing parsing;

    CargoLockParser(Parsing parsing) {
        this.parsing = parsing;
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
        TomlLock lock = TomlLock.read(parsing, input, FORMAT);
        if (lock.packages().isEmpty() && lock.root().get("metadata") == null && lock.root().get("root") == null) {
            throw new ManifestFormatException("unknown format: no [[package]]; not a Cargo.lock", 1);
        }
        int formatVersion = lock.root().path("version").asInt(0);
        if (formatVersion > 4) {
            sink.note("Cargo.lock version " + formatVersion + " is newer than the versions known (1-4)");
        }
        Set<String> direct = new HashSet<>();
        boolean haveWorkspace = false;
        JsonNode legacyRoot = lock.root().get("root"); // very old v1 files keep the root crate apart
        if (legacyRoot != null) {
            haveWorkspace = true;
            legacyRoot.path("dependencies").forEach(d -> direct.add(depKey(d.asText())));
        }
        for (JsonNode pkg : lock.packages()) {
            if (TomlLock.text(pkg, "source") == null) {
                haveWorkspace = true;
                pkg.path("dependencies").forEach(d -> direct.add(depKey(d.asText())));
            }
        }
        int otherRegistry = 0;
        for (int i = 0; i < lock.packages().size(); i++) {
            JsonNode pkg = lock.packages().get(i);
            int line = lock.packageLines().get(i);
            String name = TomlLock.text(pkg, "name");
            String version = TomlLock.text(pkg, "version");
            String source = TomlLock.text(pkg, "source");
            if (name == null || version == null) {
                sink.error(line, "[[package]] without name or version; skipped");
                continue;
            }
            if (source == null) {
                continue; // a workspace member: the project itself
            }
            if (source.startsWith("git+")) {
                sink.unpinned(Ecosystem.CRATES_IO, name, "git source " + source, line);
                continue;
            }
            if (!isCratesIo(source)) {
                otherRegistry++;
                continue;
            }
            Relationship rel = !haveWorkspace ? Relationship.UNKNOWN
                    : direct.contains(name) || direct.contains(name + " " + version) ? Relationship.DIRECT
                    : Relationship.TRANSITIVE;
            sink.add(Ecosystem.CRATES_IO, name, version, line, rel, false);
        }
        if (otherRegistry > 0) {
            sink.note(otherRegistry + " packages from registries other than crates.io were not checked");
        }
    }

    private static boolean isCratesIo(String source) {
        return source.equals("registry+https://github.com/rust-lang/crates.io-index")
                || source.equals("sparse+https://index.crates.io/");
    }

    /**
     * A dependency entry is {@code name}, {@code name version} or {@code name version (source)}; the key
     * is {@code name} when unversioned, else {@code name version}.
     */
    private static String depKey(String entry) {
        String[] parts = entry.trim().split("\\s+");
        return parts.length == 1 ? parts[0] : parts[0] + " " + parts[1];
    }
}
