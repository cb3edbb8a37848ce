package dev.bulwark.scan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;

/**
 * Poetry {@code poetry.lock}, lock versions 1.x ({@code category = "dev"} marks development packages) and
 * 2.x (no category; {@code groups} when present). Packages from git, local directories, files or URLs are
 * listed as unpinned: their version is not a PyPI release.
 */
final class PoetryLockParser implements ManifestParser {
    static final String FORMAT = "poetry.lock";

    private final Parsing parsing;

    PoetryLockParser(Parsing parsing) {
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
        if (lock.packages().isEmpty() && lock.root().get("metadata") == null) {
            throw new ManifestFormatException("unknown format: no [[package]] or [metadata]; not a poetry.lock", 1);
        }
        String lockVersion = TomlLock.text(lock.root().path("metadata"), "lock-version");
        boolean sawCategory = false;
        for (int i = 0; i < lock.packages().size(); i++) {
            JsonNode pkg = lock.packages().get(i);
            int line = lock.packageLines().get(i);
            String name = TomlLock.text(pkg, "name");
            String version = TomlLock.text(pkg, "version");
            if (name == null || version == null) {
                sink.error(line, "[[package]] without name or version; skipped");
                continue;
            }
            name = Parsing.pep503(name);
            String sourceType = TomlLock.text(pkg.path("source"), "type");
            if (sourceType != null && !sourceType.equals("legacy")) {
                sink.unpinned(Ecosystem.PYPI, name, sourceType + " source " + TomlLock.text(pkg.path("source"), "url"), line);
                continue;
            }
            String category = TomlLock.text(pkg, "category");
            sawCategory |= category != null;
            boolean dev = "dev".equals(category) || isDevOnlyGroups(pkg.get("groups"));
            sink.add(Ecosystem.PYPI, name, version, line, Relationship.UNKNOWN, dev);
        }
        if (!sawCategory && lockVersion != null && lockVersion.startsWith("2")) {
            sink.note("poetry.lock " + lockVersion + " has no dev/main category; development packages are not told apart");
        }
        sink.note("poetry.lock does not say which packages are direct (that is in pyproject.toml)");
    }

    private static boolean isDevOnlyGroups(JsonNode groups) {
        if (groups == null || !groups.isArray() || groups.isEmpty()) {
            return false;
        }
        for (JsonNode g : groups) {
            if (g.asText().equals("main")) {
                return false;
            }
        }
        return true;
    }
}
