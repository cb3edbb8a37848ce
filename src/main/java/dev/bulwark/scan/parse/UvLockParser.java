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
 * uv {@code uv.lock}. The project's own package ({@code source = { editable | virtual }}) is not a PyPI
 * package and is skipped; its dependencies are the direct ones, and packages reachable only through its
 * {@code dev-dependencies} are marked development packages. Git/path/URL sources are listed as unpinned.
 */
final class UvLockParser implements ManifestParser {
    static final String FORMAT = "uv.lock";

    private final Parsing parsing;

    UvLockParser(Parsing parsing) {
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
        if (lock.root().get("version") == null && lock.packages().isEmpty()) {
            throw new ManifestFormatException("unknown format: no version or [[package]]; not a uv.lock", 1);
        }
        Map<String, Set<String>> graph = new HashMap<>();
        Set<String> direct = new HashSet<>();
        Set<String> directDev = new HashSet<>();
        boolean haveProject = false;
        for (JsonNode pkg : lock.packages()) {
            String name = Parsing.pep503(String.valueOf(TomlLock.text(pkg, "name")));
            Set<String> deps = graph.computeIfAbsent(name, k -> new HashSet<>());
            names(pkg.path("dependencies"), deps);
            pkg.path("optional-dependencies").forEach(group -> names(group, deps));
            if (isProject(pkg)) {
                haveProject = true;
                names(pkg.path("dependencies"), direct);
                pkg.path("optional-dependencies").forEach(group -> names(group, direct));
                pkg.path("dev-dependencies").forEach(group -> names(group, directDev));
                pkg.path("dependency-groups").forEach(group -> names(group, directDev));
            }
        }
        Set<String> runtime = Graphs.reachable(direct, graph);
        int local = 0;
        for (int i = 0; i < lock.packages().size(); i++) {
            JsonNode pkg = lock.packages().get(i);
            int line = lock.packageLines().get(i);
            String rawName = TomlLock.text(pkg, "name");
            String version = TomlLock.text(pkg, "version");
            if (rawName == null) {
                sink.error(line, "[[package]] without a name; skipped");
                continue;
            }
            String name = Parsing.pep503(rawName);
            JsonNode source = pkg.path("source");
            if (isProject(pkg) || source.has("path") || source.has("directory")) {
                local++;
                continue;
            }
            if (source.has("git") || source.has("url") || version == null) {
                String origin = source.has("git") ? "git source " + source.get("git").asText()
                        : source.has("url") ? "URL source " + source.get("url").asText() : "no version";
                sink.unpinned(Ecosystem.PYPI, name, origin, line);
                continue;
            }
            Relationship rel = !haveProject ? Relationship.UNKNOWN
                    : direct.contains(name) || directDev.contains(name) ? Relationship.DIRECT : Relationship.TRANSITIVE;
            boolean dev = haveProject && !runtime.contains(name);
            sink.add(Ecosystem.PYPI, name, version, line, rel, dev);
        }
        if (local > 0) {
            sink.note(local + " local project/path packages are not PyPI releases and were not checked");
        }
    }

    private static boolean isProject(JsonNode pkg) {
        JsonNode source = pkg.path("source");
        return source.has("editable") || source.has("virtual");
    }

    private static void names(JsonNode deps, Set<String> into) {
        if (deps.isArray()) {
            deps.forEach(d -> {
                String n = TomlLock.text(d, "name");
                if (n != null) {
                    into.add(Parsing.pep503(n));
                }
            });
        }
    }

}
