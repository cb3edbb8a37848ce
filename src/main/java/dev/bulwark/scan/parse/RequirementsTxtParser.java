package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pip requirements files: {@code ==} pins (with extras, markers, hashes, backslash continuations and
 * comments), {@code -r} includes and {@code -c} constraints resolved relative to the including file.
 * Requirements without an exact pin are listed as unpinned unless a constraints file pins them.
 * pip-compile {@code # via} annotations tell direct ({@code -r ...}) from transitive requirements.
 * Environment markers are kept out of parsing and not evaluated: every pinned line is reported.
 */
final class RequirementsTxtParser implements ManifestParser {
    static final String FORMAT = "requirements.txt";

    private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#.*$");
    private static final Pattern VIA_START = Pattern.compile("^\\s*#\\s+via(?:\\s+(\\S.*))?$");
    private static final Pattern VIA_INLINE = Pattern.compile("\\s#\\s*via\\s+(\\S.*)$");
    private static final Pattern VIA_MORE = Pattern.compile("^\\s*#\\s{2,}(\\S.*)$");
    private static final Pattern OPTION = Pattern.compile("^(-[a-zA-Z]|--[a-z][a-z-]*)(?:[=\\s]\\s*(.*))?$");
    private static final Pattern SHORT_GLUED = Pattern.compile("^-([rce])(\\S.*)$");
    private static final Set<String> GLOBAL_OPTIONS = Set.of("-i", "--index-url", "--extra-index-url", "--no-index",
            "-f", "--find-links", "--trusted-host", "--pre", "--prefer-binary", "--require-hashes", "--only-binary",
            "--no-binary", "--use-feature", "--progress-bar");

    private final Parsing parsing;

    RequirementsTxtParser(Parsing parsing) {
        this.parsing = parsing;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean accepts(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".txt") && n.contains("requirements");
    }

    /** A requirement being collected; its relationship is known only after its {@code # via} block. */
    private static final class Req {
        final RequirementLine line;
        final Path file;
        final int lineNo;
        Relationship relationship = Relationship.UNKNOWN;

        Req(RequirementLine line, Path file, int lineNo) {
            this.line = line;
            this.file = file;
            this.lineNo = lineNo;
        }
    }

    private record Pin(String version, Path file, int line) {
    }

    @Override
    public void parse(ManifestInput input, ParseSink sink) throws IOException, ManifestFormatException {
        Walk walk = new Walk(sink);
        walk.file(input, 0, false, new HashSet<>());
        walk.finish();
    }

    private final class Walk {
        private final ParseSink sink;
        private final List<Req> reqs = new ArrayList<>();
        private final Map<String, Pin> constraints = new LinkedHashMap<>();
        private int markers;
        private int constraintOnly;

        Walk(ParseSink sink) {
            this.sink = sink;
        }

        void file(ManifestInput input, int depth, boolean constraint, Set<Path> stack)
                throws ManifestFormatException, IOException {
            Path file = input.file();
            stack.add(file.toRealPath());
            ManifestInput.Lines lines = input.lines();
            Req last = null;
            boolean inVia = false;
            for (int i = 0; i < lines.size(); i++) {
                int lineNo = i + 1;
                String raw = lines.get(i);
                if (raw.stripLeading().startsWith("#")) {
                    Matcher via = VIA_START.matcher(raw);
                    if (via.matches() && last != null) {
                        inVia = true;
                        via(last, via.group(1));
                    } else if (inVia && last != null) {
                        Matcher more = VIA_MORE.matcher(raw);
                        if (more.matches()) {
                            via(last, more.group(1));
                        } else {
                            inVia = false;
                        }
                    }
                    continue;
                }
                inVia = false;
                StringBuilder logical = new StringBuilder(raw);
                while (endsWithBackslash(logical) && i + 1 < lines.size()) {
                    logical.setLength(logical.length() - 1);
                    logical.append(' ').append(lines.get(++i));
                }
                if (endsWithBackslash(logical)) {
                    logical.setLength(logical.length() - 1);
                }
                String text = COMMENT.matcher(logical).replaceFirst("").trim();
                if (text.isEmpty()) {
                    continue;
                }
                last = text.startsWith("-") ? option(text, file, lineNo, depth, stack)
                        : requirement(text, file, lineNo, constraint);
                Matcher inline = VIA_INLINE.matcher(logical);
                if (last != null && inline.find()) {
                    for (String item : inline.group(1).split(",")) {
                        via(last, item.trim());
                    }
                }
            }
            stack.remove(file.toRealPath());
        }

        private void via(Req req, String item) {
            if (item == null || item.isBlank()) {
                return;
            }
            if (item.startsWith("-r ") || item.startsWith("-r\t")) {
                req.relationship = Relationship.DIRECT;
            } else if (req.relationship != Relationship.DIRECT) {
                req.relationship = Relationship.TRANSITIVE;
            }
        }

        private Req requirement(String text, Path file, int lineNo, boolean constraint) {
            var parsed = RequirementLine.parse(text);
            if (parsed.isEmpty()) {
                sink.error(file, lineNo, "cannot parse requirement '" + abbreviate(text) + "'; skipped");
                return null;
            }
            RequirementLine r = parsed.get();
            if (constraint) {
                if (r.pinned() != null) {
                    constraints.putIfAbsent(r.name(), new Pin(r.pinned(), file, lineNo));
                }
                return null;
            }
            if (r.marker() != null) {
                markers++;
            }
            Req req = new Req(r, file, lineNo);
            sink.checkRoom(reqs.size() + 1);
            reqs.add(req);
            return req;
        }

        private Req option(String text, Path file, int lineNo, int depth, Set<Path> stack)
                throws IOException, ManifestFormatException {
            String opt;
            String arg;
            Matcher glued = SHORT_GLUED.matcher(text);
            Matcher m = OPTION.matcher(text);
            if (m.matches()) {
                opt = m.group(1);
                arg = m.group(2) == null ? "" : m.group(2).trim();
            } else if (glued.matches()) {
                opt = "-" + glued.group(1);
                arg = glued.group(2).trim();
            } else {
                sink.error(file, lineNo, "cannot parse option '" + abbreviate(text) + "'; skipped");
                return null;
            }
            switch (opt) {
                case "-r", "--requirement" -> include(arg, file, lineNo, depth, false, stack);
                case "-c", "--constraint" -> include(arg, file, lineNo, depth, true, stack);
                case "-e", "--editable" -> {
                    RequirementLine ref = RequirementLine.parse(arg).orElse(new RequirementLine(arg, arg, null, null));
                    sink.unpinned(Ecosystem.PYPI, ref.name(), "editable " + arg, file, lineNo);
                }
                default -> {
                    if (!GLOBAL_OPTIONS.contains(opt)) {
                        sink.error(file, lineNo, "unknown option '" + opt + "'; ignored");
                    }
                }
            }
            return null;
        }

        private void include(String arg, Path from, int lineNo, int depth, boolean constraint, Set<Path> stack)
                throws IOException, ManifestFormatException {
            String kind = constraint ? "constraints file" : "included requirements file";
            if (arg.isEmpty()) {
                sink.error(from, lineNo, kind + ": no file name given");
                return;
            }
            if (arg.contains("://")) {
                sink.error(from, lineNo, kind + " '" + arg + "' is remote and was not fetched (offline)");
                return;
            }
            if (depth + 1 > parsing.limits().maxIncludeDepth()) {
                sink.error(from, lineNo, kind + " '" + arg + "' exceeds the include depth limit of "
                        + parsing.limits().maxIncludeDepth());
                return;
            }
            Path target = from.resolveSibling(arg).normalize();
            if (!Files.isRegularFile(target)) {
                sink.error(from, lineNo, kind + " '" + arg + "' not found (looked for " + target + ")");
                return;
            }
            if (stack.contains(target.toRealPath())) {
                sink.error(from, lineNo, kind + " '" + arg + "' includes itself (cycle); not read again");
                return;
            }
            ManifestInput included;
            try {
                included = ManifestInput.read(target, parsing.limits());
                file(included, depth + 1, constraint, stack);
            } catch (ManifestFormatException e) {
                sink.error(target, e.line(), kind + " included from " + from.getFileName() + ":" + lineNo + ": "
                        + e.getMessage());
            } catch (IOException e) {
                sink.error(target, 0, kind + " included from " + from.getFileName() + ":" + lineNo
                        + " cannot be read: " + e);
            }
        }

        void finish() {
            for (Req req : reqs) {
                RequirementLine r = req.line;
                if (r.pinned() != null) {
                    sink.add(new PackageRef(Ecosystem.PYPI, r.name(), r.pinned(), req.file, req.lineNo, req.relationship, false));
                    continue;
                }
                Pin pin = constraints.get(r.name());
                if (pin != null && !r.specifier().startsWith("URL") && !r.specifier().startsWith("direct")) {
                    sink.add(new PackageRef(Ecosystem.PYPI, r.name(), pin.version(), pin.file(), pin.line(),
                            req.relationship, false));
                } else {
                    sink.unpinned(Ecosystem.PYPI, r.name(), r.specifier().isEmpty() ? "any version" : r.specifier(),
                            req.file, req.lineNo);
                }
            }
            Set<String> required = new HashSet<>();
            reqs.forEach(r -> required.add(r.line.name()));
            constraintOnly = (int) constraints.keySet().stream().filter(n -> !required.contains(n)).count();
            if (constraintOnly > 0) {
                sink.note(constraintOnly + " constraint pins name packages that no requirement asks for; pip installs "
                        + "nothing for them, so they were not checked");
            }
            if (markers > 0) {
                sink.note(markers + " requirements carry environment markers; markers were not evaluated and all "
                        + "pinned requirements are reported");
            }
        }
    }

    private static boolean endsWithBackslash(CharSequence s) {
        return !s.isEmpty() && s.charAt(s.length() - 1) == '\\';
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
