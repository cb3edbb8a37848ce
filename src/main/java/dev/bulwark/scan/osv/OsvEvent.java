package dev.bulwark.scan.osv;

import java.util.Objects;

/**
 * One event of an OSV range.
 *
 * @param kind    which OSV event field was set
 * @param version the version string exactly as the record gives it ({@code "0"} for "since the beginning")
 */
public record OsvEvent(Kind kind, String version) {
    /** The four OSV event kinds. */
    public enum Kind { INTRODUCED, FIXED, LAST_AFFECTED, LIMIT }

    public OsvEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
    }
}
