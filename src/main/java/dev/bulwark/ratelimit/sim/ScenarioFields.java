package dev.bulwark.ratelimit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;

/**
 * Reading one field of a scenario document: durations, rates, whole numbers, with the field's path in every
 * problem ({@link FieldException}). Stateless; {@link ScenarioLoader}'s reader decides whether a problem skips a
 * limiter or client group or fails the scenario.
 */
final class ScenarioFields {
    private ScenarioFields() {
    }

    /** Parses {@code 1s}, {@code 250ms}, {@code 100us}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601 or seconds. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        String[][] units = {{"ms", "1000000"}, {"us", "1000"}, {"ns", "1"}, {"s", "1000000000"},
                {"m", "60000000000"}, {"h", "3600000000000"}, {"d", "86400000000000"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                double v = Double.parseDouble(t.substring(0, t.length() - u[0].length()).trim());
                return Duration.ofNanos(Math.round(v * Long.parseLong(u[1])));
            }
        }
        return Duration.ofNanos(Math.round(Double.parseDouble(t) * 1e9));
    }

    /** The duration in {@code field} of {@code node}, {@code dflt} when absent; {@code path} names it in problems. */
    static Duration duration(JsonNode node, String field, String path, Duration dflt) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        Duration d;
        try {
            d = parseDuration(v.asText());
        } catch (RuntimeException e) {
            throw new FieldException(path, "expected a duration like 1s, 500ms or PT1M, got '" + v.asText() + "'");
        }
        try {
            d.toNanos();
        } catch (ArithmeticException e) {
            throw new FieldException(path, "'" + v.asText() + "' is too long to count in nanoseconds");
        }
        return d;
    }

    /** The text of {@code field}, or null when absent or null. */
    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A rate in requests per second (a finite number >= 0) in {@code field}. */
    static double rate(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber() || !(v.asDouble() >= 0) || Double.isInfinite(v.asDouble())) {
            throw new FieldException(path + "." + field, "expected a rate >= 0 (requests per second), got " + v);
        }
        return v.asDouble();
    }

    /** {@code v} when it is above 0. */
    static double positive(double v, String path) {
        if (!(v > 0)) {
            throw new FieldException(path, "must be positive, was " + v);
        }
        return v;
    }

    /** {@code d} in nanoseconds when it is above 0. */
    static long positiveNanos(Duration d, String path) {
        if (d.isNegative() || d.isZero()) {
            throw new FieldException(path, "must be positive, was " + d);
        }
        return d.toNanos();
    }

    /** The first of {@code fields} present in {@code n}, else the first. */
    static String present(JsonNode n, String... fields) {
        for (String f : fields) {
            if (n.has(f)) {
                return f;
            }
        }
        return fields[0];
    }

    /** The whole number in the first of {@code fields} present (they are aliases: limit, burst, capacity). */
    static long firstLong(JsonNode n, String path, String... fields) {
        for (String f : fields) {
            JsonNode v = n.get(f);
            if (v != null) {
                if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                    throw new FieldException(path + "." + f, "expected a whole number, got " + v);
                }
                return v.asLong();
            }
        }
        throw new FieldException(path + "." + fields[0], "missing");
    }

    /** A problem with one field; caught per limiter or client group. */
    static final class FieldException extends RuntimeException {
        FieldException(String path, String message) {
            super(path + ": " + message);
        }
    }
}
