package dev.bulwark.scan.vex;

import java.util.Locale;
import java.util.Optional;

/**
 * The OpenVEX statuses. CycloneDX analysis states map onto them (see {@link #ofCycloneDx(String)}).
 * Only {@link #NOT_AFFECTED} and {@link #FIXED} suppress a finding.
 */
public enum VexStatus {
    NOT_AFFECTED, AFFECTED, FIXED, UNDER_INVESTIGATION;

    /** The status as OpenVEX spells it, e.g. {@code not_affected}. */
    public String openVex() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the statuses that suppress a finding: {@code not_affected} and {@code fixed}. */
    public boolean suppresses() {
        return this == NOT_AFFECTED || this == FIXED;
    }

    /** Parses an OpenVEX status. */
    public static Optional<VexStatus> ofOpenVex(String s) {
        for (VexStatus v : values()) {
            if (v.openVex().equals(s)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * Maps a CycloneDX {@code analysis.state}: {@code not_affected} and {@code false_positive} (the finding itself is
     * wrong: the component is not affected) → not_affected; {@code resolved} and {@code resolved_with_pedigree} →
     * fixed; {@code exploitable} → affected; {@code in_triage} → under_investigation.
     */
    public static Optional<VexStatus> ofCycloneDx(String state) {
        if (state == null) {
            return Optional.empty();
        }
        return switch (state) {
            case "not_affected", "false_positive" -> Optional.of(NOT_AFFECTED);
            case "resolved", "resolved_with_pedigree" -> Optional.of(FIXED);
            case "exploitable" -> Optional.of(AFFECTED);
            case "in_triage" -> Optional.of(UNDER_INVESTIGATION);
            default -> Optional.empty();
        };
    }
}
