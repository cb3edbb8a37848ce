package dev.bulwark.scan.policy;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --fail-on} threshold. A non-ignored, non-informational finding at or above it makes the scan
 * fail (exit 1). {@code any} also counts UNKNOWN severities; {@code none} never fails. Thresholds never
 * hide findings from reports.
 */
public enum FailOn {
    CRITICAL(Severity.CRITICAL), HIGH(Severity.HIGH), MEDIUM(Severity.MEDIUM), LOW(Severity.LOW),
    ANY(Severity.UNKNOWN), NONE(null);

    private final Severity floor;

    FailOn(Severity floor) {
        this.floor = floor;
    }

    /** Parses a CLI value, case-insensitively. */
    public static FailOn parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fail-on must be one of critical, high, medium, low, any, none: "
                    + value, e);
        }
    }

    /** True when {@code f} trips this threshold. */
    public boolean trips(Finding f, boolean includeInformational) {
        if (floor == null || f.isIgnored() || (f.isInformational() && !includeInformational)) {
            return false;
        }
        return f.severity().rating().compareTo(floor) >= 0;
    }

    /** The findings that trip the threshold. */
    public List<Finding> tripping(List<Finding> findings, boolean includeInformational) {
        return findings.stream().filter(f -> trips(f, includeInformational)).toList();
    }
}
