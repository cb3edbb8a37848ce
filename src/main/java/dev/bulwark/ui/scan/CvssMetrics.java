package dev.bulwark.ui.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Breaks a CVSS vector (v2, v3.x, v4.0) into named metrics for the detail pane. */
public final class CvssMetrics {
    /**
     * One metric of a vector.
     *
     * @param key   abbreviation as in the vector, e.g. {@code AV}
     * @param name  full metric name, or the key when unknown
     * @param value value abbreviation, e.g. {@code N}
     * @param label value in words when known, else the abbreviation
     */
    public record Metric(String key, String name, String value, String label) {
    }

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("AV", "Attack vector"), Map.entry("AC", "Attack complexity"),
            Map.entry("AT", "Attack requirements"), Map.entry("PR", "Privileges required"),
            Map.entry("UI", "User interaction"), Map.entry("S", "Scope"),
            Map.entry("C", "Confidentiality"), Map.entry("I", "Integrity"), Map.entry("A", "Availability"),
            Map.entry("VC", "Confidentiality (vulnerable system)"), Map.entry("VI", "Integrity (vulnerable system)"),
            Map.entry("VA", "Availability (vulnerable system)"), Map.entry("SC", "Confidentiality (subsequent)"),
            Map.entry("SI", "Integrity (subsequent)"), Map.entry("SA", "Availability (subsequent)"),
            Map.entry("Au", "Authentication"), Map.entry("E", "Exploit maturity"),
            Map.entry("RL", "Remediation level"), Map.entry("RC", "Report confidence"));

    private static final Map<String, String> ATTACK_VECTOR = Map.of("N", "Network", "A", "Adjacent", "L", "Local",
            "P", "Physical");
    private static final Map<String, String> LOW_HIGH = Map.of("L", "Low", "H", "High", "N", "None", "M", "Medium",
            "P", "Partial", "C", "Complete");

    /** The metrics in vector order; an empty list for a null or blank vector. Unknown parts are kept raw. */
    public List<Metric> parse(String vector) {
        List<Metric> out = new ArrayList<>();
        if (vector == null || vector.isBlank()) {
            return out;
        }
        for (String part : vector.trim().split("/")) {
            int colon = part.indexOf(':');
            if (colon <= 0 || part.startsWith("CVSS:")) {
                continue;
            }
            String key = part.substring(0, colon);
            String value = part.substring(colon + 1);
            out.add(new Metric(key, NAMES.getOrDefault(key, key), value, label(key, value)));
        }
        return out;
    }

    private static String label(String key, String value) {
        return switch (key) {
            case "AV" -> ATTACK_VECTOR.getOrDefault(value, value);
            case "UI" -> switch (value) {
                case "N" -> "None";
                case "R" -> "Required";
                case "P" -> "Passive";
                case "A" -> "Active";
                default -> value;
            };
            case "S" -> "U".equals(value) ? "Unchanged" : "C".equals(value) ? "Changed" : value;
            case "AT" -> "N".equals(value) ? "None" : "P".equals(value) ? "Present" : value;
            case "Au" -> switch (value) {
                case "M" -> "Multiple";
                case "S" -> "Single";
                case "N" -> "None";
                default -> value;
            };
            case "AC", "PR", "C", "I", "A", "VC", "VI", "VA", "SC", "SI", "SA" -> LOW_HIGH.getOrDefault(value, value);
            default -> value;
        };
    }
}
