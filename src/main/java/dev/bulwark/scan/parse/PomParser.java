package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maven {@code pom.xml}, within the file only: {@code <dependencies>} (direct) and
 * {@code <dependencyManagement>} entries, with {@code ${property}} references resolved from
 * {@code <properties>} and the project coordinates. A remote {@code <parent>} and imported BOMs are not
 * fetched: versions that only they define are listed as unpinned, and a note says so.
 */
final class PomParser implements ManifestParser {
    static final String FORMAT = "pom.xml";
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final int MAX_EXPANSION = 16;

    private final Parsing parsing;

    PomParser(Parsing parsing) {
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

    private record Dep(String group, String artifact, String version, String scope, int line) {
        String key() {
            return group + ":" + artifact;
        }
    }

    @Override
    public void parse(ManifestInput input, ParseSink sink) throws IOException, ManifestFormatException {
        XmlTree project = XmlTree.parse(input.bytes(), parsing.limits().maxNestingDepth());
        if (!project.name().equals("project")) {
            throw new ManifestFormatException("unknown format: root element is <" + project.name() + ">, not <project>",
                    project.line());
        }
        Map<String, String> props = properties(project);
        XmlTree parent = project.child("parent").orElse(null);
        if (parent != null) {
            sink.note("the parent POM " + parent.childText("groupId") + ":" + parent.childText("artifactId") + ":"
                    + parent.childText("version") + " is not resolved (remote parents are not fetched); versions and "
                    + "properties it defines are listed as unpinned");
        }
        Map<String, Dep> managed = new LinkedHashMap<>();
        project.child("dependencyManagement").flatMap(dm -> dm.child("dependencies")).ifPresent(deps -> {
            for (XmlTree d : deps.all("dependency")) {
                Dep dep = dep(d, props);
                if ("import".equals(dep.scope())) {
                    sink.note("the imported BOM " + dep.key() + ":" + dep.version() + " (line " + dep.line()
                            + ") is not resolved; versions it manages are listed as unpinned");
                } else {
                    managed.putIfAbsent(dep.key(), dep);
                }
            }
        });
        String ownGroup = props.get("project.groupId");
        String ownVersion = props.get("project.version");
        Set<String> reported = new HashSet<>();
        int own = 0;
        List<XmlTree> direct = project.child("dependencies").map(x -> x.all("dependency")).orElse(List.of());
        for (XmlTree d : direct) {
            Dep dep = dep(d, props);
            String version = dep.version();
            int versionLine = dep.line();
            if (version == null && managed.containsKey(dep.key())) {
                version = managed.get(dep.key()).version();
            }
            if (isOwnModule(dep, version, ownGroup, ownVersion)) {
                own++;
                continue;
            }
            reported.add(dep.key());
            emit(dep, version, versionLine, Relationship.DIRECT, sink);
        }
        for (Dep dep : managed.values()) {
            if (reported.contains(dep.key())) {
                continue;
            }
            if (isOwnModule(dep, dep.version(), ownGroup, ownVersion)) {
                own++;
                continue;
            }
            emit(dep, dep.version(), dep.line(), Relationship.UNKNOWN, sink);
        }
        long inProfiles = project.child("profiles").map(ps -> ps.all("profile").stream()
                .flatMap(pr -> pr.child("dependencies").stream()).mapToLong(d -> d.all("dependency").size()).sum())
                .orElse(0L);
        if (inProfiles > 0) {
            sink.note(inProfiles + " dependencies declared inside <profiles> were not checked (profiles are not evaluated)");
        }
        if (!managed.isEmpty()) {
            sink.note("dependencyManagement entries are reported too: they pin the versions the project's modules use");
        }
        if (own > 0) {
            sink.note(own + " dependencies on the project's own modules (" + ownGroup + ":*:" + ownVersion
                    + ") are not published packages and were not checked");
        }
    }

    private static boolean isOwnModule(Dep dep, String version, String ownGroup, String ownVersion) {
        return ownGroup != null && ownGroup.equals(dep.group()) && ownVersion != null && ownVersion.equals(version);
    }

    private static void emit(Dep dep, String version, int line, Relationship rel, ParseSink sink) {
        if (dep.group() == null || dep.artifact() == null) {
            sink.error(line, "dependency without groupId or artifactId; skipped");
            return;
        }
        if (version == null) {
            sink.unpinned(Ecosystem.MAVEN, dep.key(), "no version in this file (managed by a parent or BOM)", line);
        } else if (version.contains("${")) {
            sink.unpinned(Ecosystem.MAVEN, dep.key(), version + " (property not defined in this file)", line);
        } else if (version.startsWith("[") || version.startsWith("(") || version.contains(",")) {
            sink.unpinned(Ecosystem.MAVEN, dep.key(), "version range " + version, line);
        } else {
            sink.add(Ecosystem.MAVEN, dep.key(), version, line, rel, "test".equals(dep.scope()));
        }
    }

    private static Dep dep(XmlTree d, Map<String, String> props) {
        return new Dep(resolve(d.childText("groupId"), props), resolve(d.childText("artifactId"), props),
                resolve(d.childText("version"), props), d.childText("scope"), d.line());
    }

    private static Map<String, String> properties(XmlTree project) {
        Map<String, String> props = new HashMap<>();
        project.child("properties").ifPresent(p -> p.children().forEach(c -> props.put(c.name(), c.text())));
        XmlTree parent = project.child("parent").orElse(null);
        String group = project.childText("groupId") != null ? project.childText("groupId")
                : parent == null ? null : parent.childText("groupId");
        String version = project.childText("version") != null ? project.childText("version")
                : parent == null ? null : parent.childText("version");
        put(props, "project.groupId", group);
        put(props, "pom.groupId", group);
        put(props, "project.version", version);
        put(props, "pom.version", version);
        put(props, "version", version);
        put(props, "project.artifactId", project.childText("artifactId"));
        if (parent != null) {
            put(props, "project.parent.version", parent.childText("version"));
            put(props, "project.parent.groupId", parent.childText("groupId"));
        }
        return props;
    }

    private static void put(Map<String, String> props, String key, String value) {
        if (value != null) {
            props.putIfAbsent(key, value);
        }
    }

    /** Expands {@code ${name}} references; unknown ones stay as written. */
    static String resolve(String value, Map<String, String> props) {
        if (value == null) {
            return null;
        }
        String v = value;
        for (int i = 0; i < MAX_EXPANSION && v.contains("${"); i++) {
            Matcher m = PROPERTY.matcher(v);
            StringBuilder sb = new StringBuilder();
            boolean changed = false;
            while (m.find()) {
                String repl = props.get(m.group(1));
                changed |= repl != null;
                m.appendReplacement(sb, Matcher.quoteReplacement(repl != null ? repl : m.group()));
            }
            m.appendTail(sb);
            v = sb.toString();
            if (!changed) {
                break;
            }
        }
        return v.trim();
    }
}
