package dev.bulwark.scan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pnpm-lock.yaml}, lockfile versions 5.x ({@code /name/1.0.0_peer}), 6.x ({@code /name@1.0.0(peer)})
 * and 9.x ({@code name@1.0.0} in {@code packages}, peer variants in {@code snapshots}). Direct packages
 * come from {@code importers} or the single-project top-level dependency maps. Development packages come
 * from the {@code dev} flag (5.x/6.x) or, for 9.x, from what is reachable only through devDependencies.
 */
final class PnpmLockParser implements ManifestParser {
    static final String FORMAT = "pnpm-lock.yaml";
    private static final List<String> DEP_KINDS = List.of("dependencies", "optionalDependencies", "devDependencies");

    private final Parsing parsing;

    PnpmLockParser(Parsing parsing) {
        this.parsing = parsing;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    private record Key(String name, String version) {
        String id() {
            return name + "@" + version;
        }
    }

    private record Pkg(Key key, int line, JsonNode node) {
    }

    /** Everything read from the document. */
    private static final class Doc {
        String lockVersion;
        final Map<String, JsonNode> topLevelDeps = new HashMap<>();
        JsonNode importers;
        final List<Pkg> packages = new ArrayList<>();
        final Map<String, JsonNode> snapshots = new LinkedHashMap<>();
        final List<String> badKeys = new ArrayList<>();
    }

    @Override
    public void parse(ManifestInput input, ParseSink sink) throws IOException, ManifestFormatException {
        Doc doc = new Doc();
        JsonStream.topLevel(parsing.yaml(), input, FORMAT, (name, p) -> {
            switch (name) {
                case "lockfileVersion" -> doc.lockVersion = p.getValueAsString();
                case "importers" -> doc.importers = p.readValueAsTree();
                case "dependencies", "devDependencies", "optionalDependencies" ->
                        doc.topLevelDeps.put(name, p.readValueAsTree());
                case "packages" -> JsonStream.eachEntry(p, (k, line, v) -> {
                    Key key = key(k, major(doc.lockVersion));
                    if (key == null) {
                        doc.badKeys.add(k);
                    } else {
                        sink.checkRoom(doc.packages.size() + 1);
                        doc.packages.add(new Pkg(key, line, v));
                    }
                });
                case "snapshots" -> JsonStream.eachEntry(p, (k, line, v) -> {
                    sink.checkRoom(doc.snapshots.size() + 1);
                    doc.snapshots.put(k, v);
                });
                default -> {
                    return false;
                }
            }
            return true;
        });
        if (doc.lockVersion == null) {
            throw new ManifestFormatException("unknown format: no lockfileVersion; not a pnpm-lock.yaml", 1);
        }
        emit(doc, sink);
    }

    private void emit(Doc doc, ParseSink sink) {
        int major = major(doc.lockVersion);
        Set<String> direct = new HashSet<>();
        Set<String> directDev = new HashSet<>();
        List<JsonNode> projects = new ArrayList<>();
        if (doc.importers != null) {
            doc.importers.forEach(projects::add);
        }
        if (!doc.topLevelDeps.isEmpty()) {
            var single = parsing.yaml().createObjectNode();
            doc.topLevelDeps.forEach(single::set);
            projects.add(single);
        }
        for (JsonNode project : projects) {
            for (String kind : DEP_KINDS) {
                project.path(kind).fields().forEachRemaining(e -> {
                    JsonNode v = e.getValue();
                    String version = stripPeers(v.isObject() ? JsonStream.text(v, "version") : v.asText(), major);
                    (kind.equals("devDependencies") ? directDev : direct).add(e.getKey() + "@" + version);
                });
            }
        }
        Set<String> runtime = major >= 9 ? reachable(direct, doc, major) : Set.of();
        boolean haveDirect = !projects.isEmpty();
        Set<String> seen = new HashSet<>();
        int nonRegistry = 0;
        for (Pkg pkg : doc.packages) {
            JsonNode res = pkg.node().path("resolution");
            boolean local = res.has("directory") || res.has("repo") || res.path("tarball").asText("").startsWith("file:");
            boolean oddVersion = pkg.key().version().contains(":") || pkg.key().version().contains("/");
            if (local || oddVersion || pkg.node().has("name") && pkg.node().has("version")) {
                nonRegistry++;
                continue;
            }
            Key key = pkg.key();
            if (!seen.add(key.id())) {
                continue; // the same package with other peer-dependency variants
            }
            Relationship rel = !haveDirect ? Relationship.UNKNOWN
                    : direct.contains(key.id()) || directDev.contains(key.id()) ? Relationship.DIRECT
                    : Relationship.TRANSITIVE;
            boolean dev = major >= 9 ? haveDirect && !runtime.contains(key.id())
                    : pkg.node().path("dev").asBoolean(false);
            sink.add(Ecosystem.NPM, key.name(), key.version(), pkg.line(), rel, dev);
        }
        for (String bad : doc.badKeys) {
            sink.error(0, "cannot read package key '" + bad + "'; skipped");
        }
        if (nonRegistry > 0) {
            sink.note(nonRegistry + " git, directory or file packages are not registry packages and were not checked");
        }
    }

    /** Packages reachable from {@code from} through the 9.x snapshots graph (ids without peer suffixes). */
    private static Set<String> reachable(Set<String> from, Doc doc, int major) {
        Map<String, Set<String>> graph = new HashMap<>();
        doc.snapshots.forEach((k, v) -> {
            Key key = key(k, major);
            if (key != null) {
                Set<String> out = graph.computeIfAbsent(key.id(), x -> new HashSet<>());
                for (String kind : List.of("dependencies", "optionalDependencies")) {
                    v.path(kind).fields().forEachRemaining(e ->
                            out.add(e.getKey() + "@" + stripPeers(e.getValue().asText(), major)));
                }
            }
        });
        return Graphs.reachable(from, graph);
    }

    static int major(String lockVersion) {
        if (lockVersion == null) {
            return 0;
        }
        try {
            return (int) Double.parseDouble(lockVersion.trim().replaceAll("[^0-9.].*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code 1.0.0(peer@1)} (6+) or {@code 1.0.0_peer@1} (5.x) to {@code 1.0.0}. */
    static String stripPeers(String version, int major) {
        if (version == null) {
            return "";
        }
        int cut = major >= 6 ? version.indexOf('(') : version.indexOf('_');
        return cut >= 0 ? version.substring(0, cut) : version;
    }

    /** The package name and version of a {@code packages}/{@code snapshots} key, or null. */
    static Key key(String raw, int major) {
        String k = raw.startsWith("/") ? raw.substring(1) : raw;
        if (major >= 6) {
            k = stripPeers(k, major);
            int at = k.lastIndexOf('@');
            if (at <= 0) {
                return null;
            }
            return new Key(k.substring(0, at), k.substring(at + 1));
        }
        int slash = k.lastIndexOf('/');
        if (slash <= 0 || slash == k.length() - 1) {
            return null;
        }
        return new Key(k.substring(0, slash), stripPeers(k.substring(slash + 1), major));
    }
}
