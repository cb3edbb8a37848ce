package dev.bulwark.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * One short line that says what a data message is about, for lists and notifications: the severity (when present)
 * and the first of the usual naming and describing fields ({@code title}, {@code name}, {@code message}, ...),
 * else the compact JSON of {@code data}. Never longer than {@link #MAX} characters, never more than one line.
 */
public final class FrameSummary {
    /** The longest summary, in characters. */
    public static final int MAX = 120;

    private static final String[] HEADS = {"title", "name", "container", "task", "package", "target", "source"};
    private static final String[] DETAILS = {"message", "summary", "description", "status", "detail", "state", "text",
            "error"};

    private FrameSummary() {
    }

    /** The summary of {@code f}'s data; {@code (no data)} when it has none. */
    public static String of(GatewayFrame f) {
        return of(f.data());
    }

    /** The summary of a message's {@code data} object. */
    public static String of(ObjectNode data) {
        if (data == null || data.isEmpty()) {
            return "(no data)";
        }
        String severity = text(data, "severity");
        if (severity == null) {
            severity = text(data, "level");
        }
        String head = first(data, HEADS);
        if ("package".equals(firstKey(data, HEADS)) && text(data, "version") != null) {
            head = head + " " + text(data, "version");
        }
        String detail = first(data, DETAILS);
        if (detail != null && head != null && detail.contains(head)) {
            head = null; // "web-1: web-1 is unhealthy" says the name twice
        }
        StringBuilder b = new StringBuilder();
        if (severity != null) {
            b.append(severity.toUpperCase(Locale.ROOT));
        }
        if (head != null || detail != null) {
            if (!b.isEmpty()) {
                b.append(" · ");
            }
            b.append(head != null ? head : "");
            if (head != null && detail != null) {
                b.append(": ");
            }
            b.append(detail != null ? detail : "");
        } else {
            if (!b.isEmpty()) {
                b.append(" · ");
            }
            ObjectNode rest = data.deepCopy();
            rest.remove("severity");
            rest.remove("level");
            b.append(rest.isEmpty() ? "" : rest.toString());
        }
        return cut(oneLine(b.toString()));
    }

    private static String first(ObjectNode data, String[] keys) {
        String k = firstKey(data, keys);
        return k == null ? null : text(data, k);
    }

    private static String firstKey(ObjectNode data, String[] keys) {
        for (String k : keys) {
            if (text(data, k) != null) {
                return k;
            }
        }
        return null;
    }

    /** A scalar field's text, or null when absent, null, blank or not a scalar (objects are not names). */
    private static String text(ObjectNode data, String key) {
        var n = data.get(key);
        if (n == null || !n.isValueNode() || n.isNull()) {
            return null;
        }
        String t = n.asText().strip();
        return t.isEmpty() ? null : t;
    }

    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                if (!space && !b.isEmpty()) {
                    b.append(' ');
                }
                space = true;
            } else {
                b.append(c);
                space = false;
            }
        }
        return b.toString().strip();
    }

    private static String cut(String s) {
        if (s.length() <= MAX) {
            return s;
        }
        int end = MAX - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
