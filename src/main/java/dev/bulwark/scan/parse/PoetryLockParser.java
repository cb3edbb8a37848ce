package dev.bulwark.scan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Poetry {@code poetry.lock}, lock versions 1.x ({@code category = "dev"} marks development packages) and
 * 2.x (no category; {@code groups} when present). Packages from git, local directories, files or URLs are
 * listed as unpinned: their version is not a PyPI release.
 */
final class PoetryLockParser implements ManifestParser {
    static final String FORMAT = "poetry.lock";

    private final Parsing parsing;
    private final SiblingManifests siblings;

    PoetryLockParser(Parsing parsing, SiblingManifests siblings) {
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
        TomlLock lock = TomlLock.read(parsing, input, FORMAT);
        if (lock.packages().isEmpty() && lock.root().get("metadata") == null) {
            throw new ManifestFormatException("unknown format: no [[package]] or [metadata]; not a poetry.lock", 1);
        }
        String lockVersion = TomlLock.text(lock.root().path("metadata"), "lock-version");
        DirectDeps direct = siblings.pyproject(input.file(), sink).orElse(null);
        Set<String> runtime = direct == null ? null : Graphs.reachable(direct.runtime().keySet(), graph(lock));
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
            JsonNode groups = pkg.get("groups");
            boolean dev = category != null || groups != null
                    ? "dev".equals(category) || isDevOnlyGroups(groups)
                    : runtime != null && !runtime.contains(name);
            sink.add(Ecosystem.PYPI, name, version, line, DirectDeps.relationship(direct, name), dev);
        }
        if (direct == null) {
            if (!sawCategory && lockVersion != null && lockVersion.startsWith("2")) {
                sink.note("poetry.lock " + lockVersion + " has no dev/main category and no pyproject.toml was found "
                        + "beside it; development packages are not told apart");
            }
            sink.note("poetry.lock does not say which packages are direct and no pyproject.toml was found beside it");
        }
    }

    /** Package name to the names in its {@code [package.dependencies]} table. */
    private static Map<String, Set<String>> graph(TomlLock lock) {
        Map<String, Set<String>> graph = new HashMap<>();
        for (JsonNode pkg : lock.packages()) {
            Set<String> out = graph.computeIfAbsent(Parsing.pep503(String.valueOf(TomlLock.text(pkg, "name"))),
                    k -> new HashSet<>());
            pkg.path("dependencies").fieldNames().forEachRemaining(d -> out.add(Parsing.pep503(d)));
        }
        return graph;
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
