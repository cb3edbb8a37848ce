package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go {@code go.mod}: {@code require} lines and blocks ({@code // indirect} marks transitive modules),
 * {@code replace} directives applied (a module replaced by a local directory is not checked), and the
 * {@code go} directive reported as the {@code stdlib} package, e.g. {@code go 1.20} as {@code 1.20.0}
 * (no {@code v}: OSV spells stdlib versions that way, while module versions keep go.mod's {@code v}).
 */
final class GoModParser implements ManifestParser {
    static final String FORMAT = "go.mod";
    static final String STDLIB = "stdlib";
    private static final Pattern GO_VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?((?:rc|beta)\\d+)?$");

    @Override
    public String format() {
        return FORMAT;
    }

    private record Require(String path, String version, int line, boolean indirect) {
    }

    private record Replace(String oldPath, String oldVersion, String newPath, String newVersion, int line) {
    }

    @Override
    public void parse(ManifestInput input, ParseSink sink) throws IOException, ManifestFormatException {
        ManifestInput.Lines lines = input.lines();
        List<Require> requires = new ArrayList<>();
        List<Replace> replaces = new ArrayList<>();
        String block = null;
        boolean sawModule = false;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String raw = lines.get(i);
            int comment = raw.indexOf("//");
            boolean indirect = comment >= 0 && raw.substring(comment + 2).trim().startsWith("indirect");
            String text = (comment >= 0 ? raw.substring(0, comment) : raw).trim();
            if (text.isEmpty()) {
                continue;
            }
            if (block != null) {
                if (text.equals(")")) {
                    block = null;
                } else {
                    directive(block, text, lineNo, indirect, requires, replaces, sink);
                    sink.checkRoom(requires.size() + replaces.size());
                }
                continue;
            }
            String[] verbAndRest = text.split("\\s+", 2);
            String verb = verbAndRest[0];
            String rest = verbAndRest.length > 1 ? verbAndRest[1].trim() : "";
            if (rest.equals("(")) {
                block = verb;
                continue;
            }
            switch (verb) {
                case "module" -> sawModule = true;
                case "go" -> stdlib(rest, lineNo, sink);
                case "require", "replace" -> directive(verb, rest, lineNo, indirect, requires, replaces, sink);
                case "toolchain", "exclude", "retract", "godebug", "tool", "ignore" -> { }
                default -> sink.error(lineNo, "unknown go.mod directive '" + verb + "'; ignored");
            }
        }
        if (!sawModule) {
            throw new ManifestFormatException("unknown format: no module directive; not a go.mod", 1);
        }
        apply(requires, replaces, sink);
    }

    private static void directive(String verb, String text, int line, boolean indirect, List<Require> requires,
                                  List<Replace> replaces, ParseSink sink) {
        if (verb.equals("require")) {
            String[] f = text.split("\\s+");
            if (f.length != 2) {
                sink.error(line, "cannot read require '" + text + "'; skipped");
                return;
            }
            requires.add(new Require(unquote(f[0]), f[1], line, indirect));
        } else if (verb.equals("replace")) {
            String[] sides = text.split("=>");
            if (sides.length != 2) {
                sink.error(line, "cannot read replace '" + text + "'; skipped");
                return;
            }
            String[] l = sides[0].trim().split("\\s+");
            String[] r = sides[1].trim().split("\\s+");
            replaces.add(new Replace(unquote(l[0]), l.length > 1 ? l[1] : null, unquote(r[0]), r.length > 1 ? r[1] : null, line));
        }
    }

    private static void apply(List<Require> requires, List<Replace> replaces, ParseSink sink) {
        for (Require req : requires) {
            Replace rep = null;
            for (Replace r : replaces) {
                if (r.oldPath().equals(req.path()) && (r.oldVersion() == null || r.oldVersion().equals(req.version()))) {
                    rep = r;
                }
            }
            Relationship rel = req.indirect() ? Relationship.TRANSITIVE : Relationship.DIRECT;
            if (rep == null) {
                sink.add(Ecosystem.GO, req.path(), req.version(), req.line(), rel, false);
            } else if (rep.newVersion() == null) {
                sink.note(req.path() + " is replaced by the local directory " + rep.newPath() + " (line " + rep.line()
                        + ") and was not checked");
            } else {
                sink.add(Ecosystem.GO, rep.newPath(), rep.newVersion(), rep.line(), rel, false);
            }
        }
    }

    /** The {@code go} directive as the stdlib version it guarantees at least, e.g. 1.20 to 1.20.0. */
    private static void stdlib(String version, int line, ParseSink sink) {
        Matcher m = GO_VERSION.matcher(version);
        if (!m.matches()) {
            sink.error(line, "cannot read go version '" + version + "'");
            return;
        }
        String patch = m.group(3) == null ? "0" : m.group(3);
        String pre = m.group(4) == null ? "" : "-" + m.group(4).replaceFirst("(\\d+)$", ".$1");
        String stdlib = m.group(1) + "." + m.group(2) + "." + patch + pre;
        sink.add(Ecosystem.GO, STDLIB, stdlib, line, Relationship.DIRECT, false);
        sink.note("the go directive (go " + version + ") is reported as stdlib " + stdlib
                + ": the oldest toolchain allowed, not necessarily the one used to build");
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") || s.startsWith("`")) ? s.substring(1, s.length() - 1) : s;
    }
}
