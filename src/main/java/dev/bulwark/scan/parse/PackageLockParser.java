package dev.bulwark.scan.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * npm {@code package-lock.json} / {@code npm-shrinkwrap.json}, lockfile versions 1, 2 and 3. Versions 2
 * and 3 are read from the {@code packages} map (paths like {@code node_modules/a/node_modules/b}; the
 * root entry tells which are direct); version 1 from the nested {@code dependencies} tree.
 */
final class PackageLockParser implements ManifestParser {
    static final String FORMAT = "package-lock.json";
    private static final String NM = "node_modules/";

    private final Parsing parsing;
    private final SiblingManifests siblings;

    PackageLockParser(Parsing parsing, SiblingManifests siblings) {
        this.parsing = parsing;
        this.siblings = siblings;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.equals("package-lock.json") || fileName.equals("npm-shrinkwrap.json");
    }

    private record Entry(String key, int line, JsonNode node) {
    }

    /** A version 1 entry; {@code declaredName} differs from {@code name} for {@code npm:} aliases. */
    private record LegacyEntry(String declaredName, String name, String version, int line, boolean dev, boolean top) {
    }

    @Override
    public void parse(ManifestInput input, ParseSink sink) throws IOException, ManifestFormatException {
        List<Entry> packages = new ArrayList<>();
        List<LegacyEntry> legacy = new ArrayList<>();
        boolean[] sawPackages = {false};
        boolean[] sawLegacy = {false};
        int[] lockVersion = {0};
        LegacyWalker walker = new LegacyWalker(sink);
        JsonStream.topLevel(parsing.json(), input, FORMAT, (name, p) -> switch (name) {
            case "lockfileVersion" -> {
                lockVersion[0] = p.getValueAsInt(0);
                yield true;
            }
            case "packages" -> {
                sawPackages[0] = true;
                JsonStream.eachEntry(p, (k, line, v) -> {
                    sink.checkRoom(packages.size() + 1);
                    packages.add(new Entry(k, line, v));
                });
                yield true;
            }
            case "dependencies" -> {
                sawLegacy[0] = true;
                walker.walk(p, legacy, 0);
                yield true;
            }
            default -> false;
        });
        if (lockVersion[0] == 0 && !sawPackages[0] && !sawLegacy[0]) {
            throw new ManifestFormatException("unknown format: no lockfileVersion, packages or dependencies; not an npm lockfile", 1);
        }
        if (lockVersion[0] > 3) {
            sink.note("lockfileVersion " + lockVersion[0] + " is newer than the versions known (1-3); read as version 3");
        }
        if (sawPackages[0]) {
            fromPackages(packages, sink);
        } else {
            DirectDeps direct = siblings.packageJson(input.file(), sink).orElse(null);
            for (LegacyEntry e : legacy) {
                Relationship rel = direct == null ? Relationship.UNKNOWN
                        : e.top() && direct.isDirect(e.declaredName()) ? Relationship.DIRECT : Relationship.TRANSITIVE;
                sink.add(Ecosystem.NPM, e.name(), e.version(), e.line(), rel, e.dev());
            }
            walker.finish(direct != null);
        }
    }

    private static void fromPackages(List<Entry> entries, ParseSink sink) {
        Set<String> direct = new HashSet<>();
        Set<String> directDev = new HashSet<>();
        boolean haveRoot = false;
        for (Entry e : entries) {
            if (e.key().isEmpty()) {
                haveRoot = true;
                for (String f : List.of("dependencies", "optionalDependencies", "peerDependencies", "devDependencies")) {
                    JsonNode deps = e.node().get(f);
                    if (deps != null) {
                        deps.fieldNames().forEachRemaining(f.equals("devDependencies") ? directDev::add : direct::add);
                    }
                }
            }
        }
        int links = 0;
        int local = 0;
        for (Entry e : entries) {
            String key = e.key();
            JsonNode node = e.node();
            if (key.isEmpty()) {
                continue;
            }
            if (node.path("link").asBoolean(false)) {
                links++;
                continue;
            }
            int at = key.lastIndexOf(NM);
            if (at < 0) {
                local++; // a workspace folder, not a registry package
                continue;
            }
            String pathName = key.substring(at + NM.length());
            String name = JsonStream.text(node, "name") != null ? JsonStream.text(node, "name") : pathName;
            String version = JsonStream.text(node, "version");
            if (version == null || version.isBlank()) {
                sink.error(e.line(), "package '" + key + "' has no version; skipped");
                continue;
            }
            boolean topLevel = at == 0;
            Relationship rel = !haveRoot ? Relationship.UNKNOWN
                    : topLevel && (direct.contains(pathName) || directDev.contains(pathName)) ? Relationship.DIRECT
                    : Relationship.TRANSITIVE;
            sink.add(Ecosystem.NPM, name, version, e.line(), rel, node.path("dev").asBoolean(false));
        }
        if (links > 0) {
            sink.note(links + " linked (workspace/file:) package entries are local code and were not checked");
        }
        if (local > 0) {
            sink.note(local + " workspace folder entries are local code and were not checked");
        }
    }

    /** Version 1 {@code dependencies}: a tree of name to {version, dev, dependencies}. */
    private static final class LegacyWalker {
        private final ParseSink sink;
        private int nonRegistry;

        LegacyWalker(ParseSink sink) {
            this.sink = sink;
        }

        /** Walks a {@code dependencies} object, nested ones after their parent. */
        void walk(JsonParser p, List<LegacyEntry> out, int depth) throws IOException, ManifestFormatException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new ManifestFormatException("'dependencies' is not an object", JsonStream.line(p));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int line = JsonStream.line(p);
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    sink.error(line, "dependency '" + name + "' is not an object; skipped");
                    p.skipChildren();
                    continue;
                }
                String version = null;
                boolean dev = false;
                List<LegacyEntry> nested = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "version" -> version = p.getValueAsString();
                        case "dev" -> dev = p.getValueAsBoolean();
                        case "dependencies" -> walk(p, nested, depth + 1);
                        default -> p.skipChildren();
                    }
                }
                add(name, version, line, dev, depth, out);
                out.addAll(nested);
            }
        }

        private void add(String name, String version, int line, boolean dev, int depth, List<LegacyEntry> out) {
            if (version == null || version.isBlank()) {
                sink.error(line, "dependency '" + name + "' has no version; skipped");
                return;
            }
            String realName = name;
            String v = version;
            if (v.startsWith("npm:")) { // alias: "npm:real-name@1.2.3"
                String spec = v.substring(4);
                int at = spec.lastIndexOf('@');
                if (at > 0) {
                    realName = spec.substring(0, at);
                    v = spec.substring(at + 1);
                }
            }
            if (v.contains(":") || v.contains("/")) {
                nonRegistry++;
                return;
            }
            sink.checkRoom(out.size() + 1);
            out.add(new LegacyEntry(name, realName, v, line, dev, depth == 0));
        }

        void finish(boolean haveManifest) {
            if (nonRegistry > 0) {
                sink.note(nonRegistry + " dependencies resolved from git, file or URL sources were not checked");
            }
            if (!haveManifest) {
                sink.note("lockfile version 1 does not say which packages are direct and no package.json was found beside it");
            }
        }
    }
}
