package dev.bulwark.ratelimit.recommend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which log lines count: a line is used when it passes every include filter that is set and no exclude
 * filter. Path filters are prefixes of the request path; status filters are codes ({@code 404}), classes
 * ({@code 4xx}) or ranges ({@code 500-599}); agent filters are regular expressions searched in the user
 * agent of combined-format lines (a common-format line has no agent: it fails an include, passes an exclude).
 *
 * @param includePaths  path prefixes, any of which must match (empty: all)
 * @param excludePaths  path prefixes that drop a line
 * @param includeStatus statuses a line must have (empty: all)
 * @param excludeStatus statuses that drop a line
 * @param includeAgent  the agent must match, or null
 * @param excludeAgent  a matching agent drops the line, or null
 */
public record LogFilter(List<String> includePaths, List<String> excludePaths, List<StatusRange> includeStatus,
                        List<StatusRange> excludeStatus, Pattern includeAgent, Pattern excludeAgent) {

    /** Every line counts. */
    public static final LogFilter NONE = new LogFilter(List.of(), List.of(), List.of(), List.of(), null, null);

    /** An inclusive range of statuses. */
    public record StatusRange(int from, int to) {

        /** Parses {@code 404}, {@code 4xx} or {@code 500-599}. */
        public static StatusRange parse(String text) {
            String t = text.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                if (t.matches("[1-5]xx")) {
                    int c = (t.charAt(0) - '0') * 100;
                    return new StatusRange(c, c + 99);
                }
                int dash = t.indexOf('-');
                if (dash > 0) {
                    return checked(Integer.parseInt(t.substring(0, dash)), Integer.parseInt(t.substring(dash + 1)), text);
                }
                int v = Integer.parseInt(t);
                return checked(v, v, text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad status '" + text + "'; expected e.g. 404, 4xx or 500-599", e);
            }
        }

        private static StatusRange checked(int from, int to, String text) {
            if (from < 100 || to > 599 || from > to) {
                throw new IllegalArgumentException("bad status '" + text + "'; expected codes between 100 and 599");
            }
            return new StatusRange(from, to);
        }

        boolean contains(int status) {
            return status >= from && status <= to;
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    /** Copies. */
    public LogFilter {
        includePaths = List.copyOf(includePaths);
        excludePaths = List.copyOf(excludePaths);
        includeStatus = List.copyOf(includeStatus);
        excludeStatus = List.copyOf(excludeStatus);
    }

    /** Compiles an agent regex, naming the option in the error. */
    public static Pattern agentPattern(String regex, String option) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(option + ": bad regular expression: " + e.getDescription(), e);
        }
    }

    /** Parses a comma-separated status list. */
    public static List<StatusRange> statuses(List<String> texts) {
        List<StatusRange> out = new ArrayList<>();
        for (String t : texts) {
            for (String p : t.split(",")) {
                if (!p.isBlank()) {
                    out.add(StatusRange.parse(p));
                }
            }
        }
        return out;
    }

    /** True when no filter is set. */
    public boolean none() {
        return includePaths.isEmpty() && excludePaths.isEmpty() && includeStatus.isEmpty() && excludeStatus.isEmpty()
                && includeAgent == null && excludeAgent == null;
    }

    /** A one-line description for reports, e.g. {@code exclude path /static; exclude agent (?i)bot}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!includePaths.isEmpty()) {
            parts.add("include path " + String.join(",", includePaths));
        }
        if (!excludePaths.isEmpty()) {
            parts.add("exclude path " + String.join(",", excludePaths));
        }
        if (!includeStatus.isEmpty()) {
            parts.add("include status " + includeStatus.stream().map(Object::toString).toList());
        }
        if (!excludeStatus.isEmpty()) {
            parts.add("exclude status " + excludeStatus.stream().map(Object::toString).toList());
        }
        if (includeAgent != null) {
            parts.add("include agent /" + includeAgent + "/");
        }
        if (excludeAgent != null) {
            parts.add("exclude agent /" + excludeAgent + "/");
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /** The compiled form used per line. */
    Matcher matcher() {
        return new Matcher(this);
    }

    /** Per-scan matcher: prefixes as bytes so the common case allocates nothing. */
    static final class Matcher {
        private final LogFilter f;
        private final byte[][] include;
        private final byte[][] exclude;
        private final boolean none;

        Matcher(LogFilter f) {
            this.f = Objects.requireNonNull(f);
            this.include = f.includePaths.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            this.exclude = f.excludePaths.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            this.none = f.none();
        }

        boolean accepts(LogLine l) {
            if (none) {
                return true;
            }
            if (include.length > 0 && !anyPrefix(l, include)) {
                return false;
            }
            if (anyPrefix(l, exclude)) {
                return false;
            }
            if (!f.includeStatus.isEmpty() && !anyStatus(l.status(), f.includeStatus)) {
                return false;
            }
            if (anyStatus(l.status(), f.excludeStatus)) {
                return false;
            }
            if (f.includeAgent != null || f.excludeAgent != null) {
                String agent = l.agent();
                if (f.includeAgent != null && (agent == null || !f.includeAgent.matcher(agent).find())) {
                    return false;
                }
                return f.excludeAgent == null || agent == null || !f.excludeAgent.matcher(agent).find();
            }
            return true;
        }

        private static boolean anyPrefix(LogLine l, byte[][] prefixes) {
            for (byte[] p : prefixes) {
                if (l.pathStartsWith(p)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean anyStatus(int status, List<StatusRange> ranges) {
            for (StatusRange r : ranges) {
                if (r.contains(status)) {
                    return true;
                }
            }
            return false;
        }
    }
}
