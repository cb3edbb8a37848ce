package dev.bulwark.ui.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.ratelimit.CostRules;
import dev.bulwark.ratelimit.sim.ClientGroup;
import dev.bulwark.ratelimit.sim.Traffic;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The short text forms the scenario form uses, and their translation to and from the scenario file's
 * document (the same keys as YAML/JSON scenario files, so the core loader does all the checking).
 */
final class ScenarioText {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final long SECOND = 1_000_000_000L;

    private ScenarioText() {
    }

    /** {@code 2m}, {@code 90s}, {@code 250ms}, ... : the largest unit that divides exactly. */
    static String duration(long nanos) {
        if (nanos % (60 * SECOND) == 0 && nanos >= 60 * SECOND && nanos % (3600 * SECOND) != 0) {
            return nanos / (60 * SECOND) + "m";
        }
        if (nanos % SECOND == 0) {
            return nanos / SECOND + "s";
        }
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        if (nanos % 1000 == 0) {
            return nanos / 1000 + "us";
        }
        return nanos + "ns";
    }

    /** A number without trailing zeros: {@code 2}, {@code 0.5}. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A whole number as a number node, any other number as a decimal node, anything else as text. */
    static JsonNode scalar(String text) {
        String t = text == null ? "" : text.trim();
        try {
            return F.numberNode(Long.parseLong(t));
        } catch (NumberFormatException notLong) {
            try {
                double d = Double.parseDouble(t);
                if (!t.isEmpty() && Character.isDigit(t.charAt(t.length() - 1))) {
                    return F.numberNode(d);
                }
            } catch (NumberFormatException notNumber) {
                // falls through: the loader names the field and what it expected
            }
        }
        return F.textNode(t);
    }

    /** The traffic text of a scenario's traffic, e.g. {@code onoff rate=200 on=2s off=8s}. */
    static String traffic(Traffic t) {
        return switch (t) {
            case Traffic.Constant c -> "constant rate=" + number(c.rate());
            case Traffic.Poisson p -> "poisson rate=" + number(p.rate());
            case Traffic.OnOff o -> "onoff rate=" + number(o.rate()) + " on=" + duration(o.onNanos())
                    + " off=" + duration(o.offNanos());
            case Traffic.Ramp r -> "ramp from=" + number(r.from()) + " to=" + number(r.to());
            case Traffic.Spike s -> "spike rate=" + number(s.rate()) + " peak=" + number(s.peak())
                    + " at=" + duration(s.atNanos()) + " length=" + duration(s.lengthNanos());
            case Traffic.Replay r -> "replay file=" + r.file() + " keyBy=" + r.keyBy().name().toLowerCase(Locale.ROOT)
                    + " speed=" + number(r.speed());
        };
    }

    /**
     * The traffic document for {@code spec}: the first word is the type, the rest {@code key=value}.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    static ObjectNode trafficNode(String spec) {
        String[] words = spec == null ? new String[0] : spec.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty() || words[0].contains("=")) {
            throw new IllegalArgumentException("start with the type: constant, poisson, onoff, ramp, spike or replay"
                    + " (e.g. 'poisson rate=2')");
        }
        ObjectNode n = F.objectNode();
        n.put("type", words[0]);
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value after the type, got '" + words[i] + "'");
            }
            String k = words[i].substring(0, eq);
            String v = words[i].substring(eq + 1);
            n.set(k, k.equals("file") || k.equals("keyBy") ? F.textNode(v) : scalar(v));
        }
        return n;
    }

    /** {@code read=9, export=1}; empty for the default single operation. */
    static String operations(List<ClientGroup.WeightedOp> ops) {
        if (ops.size() == 1 && ops.getFirst().operation().equals("request")) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ");
        ops.forEach(o -> j.add(o.operation() + "=" + number(o.weight())));
        return j.toString();
    }

    /** The operations document for {@code text}; null when empty. */
    static ObjectNode operationsNode(String text) {
        List<String[]> pairs = pairs(text, "operations");
        if (pairs.isEmpty()) {
            return null;
        }
        ObjectNode n = F.objectNode();
        pairs.forEach(p -> n.set(p[0], scalar(p[1])));
        return n;
    }

    /** {@code export=10, /api/export=10, export /api/bulk=20}: a leading / marks a path prefix. */
    static String costRules(List<CostRules.Rule> rules) {
        StringJoiner j = new StringJoiner(", ");
        for (CostRules.Rule r : rules) {
            String left = r.operation() == null ? r.pathPrefix()
                    : r.pathPrefix() == null ? r.operation() : r.operation() + " " + r.pathPrefix();
            j.add(left + "=" + r.cost());
        }
        return j.toString();
    }

    /** The cost rules document for {@code text}. */
    static ArrayNode rulesNode(String text) {
        ArrayNode a = F.arrayNode();
        for (String[] p : pairs(text, "cost rules")) {
            ObjectNode r = F.objectNode();
            for (String w : p[0].split("\\s+")) {
                r.put(w.startsWith("/") ? "pathPrefix" : "operation", w);
            }
            r.set("cost", scalar(p[1]));
            a.add(r);
        }
        return a;
    }

    private static List<String[]> pairs(String text, String what) {
        List<String[]> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            int eq = p.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(what + ": expected name=number pairs separated by commas, got '"
                        + p + "'");
            }
            out.add(new String[]{p.substring(0, eq).trim(), p.substring(eq + 1).trim()});
        }
        return out;
    }
}
