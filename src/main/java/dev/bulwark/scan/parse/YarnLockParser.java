package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code yarn.lock}, classic v1 ({@code version "x"}) and berry v2+ (YAML-like with {@code __metadata},
 * {@code version: x} and {@code resolution: "name@npm:x"}). Read line by line: each unindented header
 * opens an entry. Only registry packages are reported; workspace, link, file, git and URL entries are
 * counted in a note. yarn.lock does not say which packages are direct: a {@code package.json} beside it
 * does (an entry is direct when one of its header ranges is the range package.json asks for).
 */
final class YarnLockParser implements ManifestParser {
    static final String FORMAT = "yarn.lock";

    private final SiblingManifests siblings;

    YarnLockParser(SiblingManifests siblings) {
        this.siblings = siblings;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    /** One entry as read so far. */
    private static final class Entry {
        final String header;
        final int line;
        String version;
        String resolution;

        Entry(String header, int line) {
            this.header = header;
            this.line = line;
        }
    }

    @Override
    public void parse(ManifestInput input, ParseSink sink) throws IOException, ManifestFormatException {
        ManifestInput.Lines lines = input.lines();
        boolean berry = false;
        Entry current = null;
        int entries = 0;
        int skipped = 0;
        Set<String> seen = new HashSet<>();
        DirectDeps direct = siblings.packageJson(input.file(), sink).orElse(null);
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            boolean header = !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#");
            if (header || i == lines.size()) {
                if (current != null) {
                    entries++;
                    skipped += emit(current, berry, direct, sink, seen) ? 0 : 1;
                    current = null;
                }
                if (i == lines.size()) {
                    break;
                }
                if (!line.endsWith(":")) {
                    throw new ManifestFormatException("unknown format: line " + (i + 1)
                            + " is neither an entry header nor indented; not a yarn.lock", i + 1);
                }
                String h = line.substring(0, line.length() - 1).trim();
                if (h.equals("__metadata")) {
                    berry = true;
                    current = null;
                    continue;
                }
                current = new Entry(h, i + 1);
            } else if (current != null && line.startsWith("  ") && !line.startsWith("   ")) {
                String field = line.trim();
                if (field.startsWith("version:")) {
                    current.version = unquote(field.substring("version:".length()));
                } else if (field.startsWith("version ")) {
                    current.version = unquote(field.substring("version ".length()));
                } else if (field.startsWith("resolution:")) {
                    current.resolution = unquote(field.substring("resolution:".length()));
                }
            }
        }
        if (entries == 0 && !berry && !input.text().contains("yarn lockfile")) {
            throw new ManifestFormatException("unknown format: no entries and no yarn lockfile marker; not a yarn.lock", 1);
        }
        if (skipped > 0) {
            sink.note(skipped + " workspace, link, file, git or URL entries are not registry packages and were not checked");
        }
        if (direct == null) {
            sink.note("yarn.lock does not say which packages are direct and no package.json was found beside it");
        }
    }

    /** Adds the entry's package; false when it is not a registry package. */
    private static boolean emit(Entry e, boolean berry, DirectDeps direct, ParseSink sink, Set<String> seen) {
        if (e.version == null) {
            sink.error(e.line, "entry '" + abbreviate(e.header) + "' has no version; skipped");
            return true;
        }
        String name;
        if (berry) {
            if (e.resolution == null) {
                sink.error(e.line, "entry '" + abbreviate(e.header) + "' has no resolution; skipped");
                return true;
            }
            int at = e.resolution.indexOf('@', 1);
            if (at < 0) {
                sink.error(e.line, "cannot read resolution '" + e.resolution + "'; skipped");
                return true;
            }
            name = e.resolution.substring(0, at);
            String protocol = e.resolution.substring(at + 1);
            boolean registry = protocol.startsWith("npm:")
                    || protocol.startsWith("patch:") && protocol.contains("@npm%3A");
            if (!registry) {
                return false;
            }
        } else {
            String first = unquote(e.header.split(",")[0]);
            int at = first.indexOf('@', 1);
            if (at < 0) {
                sink.error(e.line, "cannot read entry header '" + abbreviate(e.header) + "'; skipped");
                return true;
            }
            name = first.substring(0, at);
            String range = first.substring(at + 1);
            if (range.startsWith("npm:")) { // alias: alias@npm:real-name@range
                String spec = range.substring(4);
                int realAt = spec.indexOf('@', 1);
                name = realAt > 0 ? spec.substring(0, realAt) : spec;
            } else if (range.contains(":") || range.contains("/")) {
                return false; // git, github:, file:, link:, URL
            }
        }
        if (seen.add(name + "@" + e.version)) {
            Relationship rel = Relationship.UNKNOWN;
            boolean dev = false;
            if (direct != null) {
                boolean runtime = requests(e.header, direct.runtime().get(name));
                boolean devOnly = !runtime && requests(e.header, direct.dev().get(name));
                rel = runtime || devOnly ? Relationship.DIRECT : Relationship.TRANSITIVE;
                dev = devOnly;
            }
            sink.add(Ecosystem.NPM, name, e.version, e.line, rel, dev);
        }
        return true;
    }

    /** Whether one of the header's specifiers asks for {@code range} (berry spells it {@code npm:range}). */
    private static boolean requests(String header, String range) {
        if (range == null) {
            return false;
        }
        for (String spec : header.split(",")) {
            String s = unquote(spec);
            int at = s.indexOf('@', 1);
            String r = at < 0 ? "" : s.substring(at + 1);
            if (r.equals(range) || r.equals("npm:" + range)) {
                return true;
            }
        }
        return false;
    }

    /** Trims and drops surrounding quotes; a berry header quotes the whole list, so a part may have only one. */
    private static String unquote(String s) {
        String t = s.trim();
        if (t.startsWith("\"")) {
            t = t.substring(1);
        }
        if (t.endsWith("\"")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
