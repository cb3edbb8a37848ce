package dev.bulwark.scan.match;

import java.util.Locale;
import java.util.Optional;

/** Severity ratings on the FIRST CVSS scale, plus UNKNOWN when no data says; declared lowest first. */
public enum Severity {
    UNKNOWN, NONE, LOW, MEDIUM, HIGH, CRITICAL;

    /** FIRST qualitative rating: CRITICAL ≥ 9.0, HIGH ≥ 7.0, MEDIUM ≥ 4.0, LOW &gt; 0, NONE = 0. */
    public static Severity fromScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return score > 0 ? LOW : NONE;
    }

    /** A textual rating as databases write it (GHSA says MODERATE for MEDIUM). */
    public static Optional<Severity> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        return switch (label.trim().toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> Optional.of(CRITICAL);
            case "HIGH", "IMPORTANT" -> Optional.of(HIGH);
            case "MEDIUM", "MODERATE" -> Optional.of(MEDIUM);
            case "LOW" -> Optional.of(LOW);
            default -> Optional.empty();
        };
    }

    /** Lower-case name for reports and CLI values. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
