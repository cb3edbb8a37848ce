package dev.bulwark.scan.match;

import java.time.LocalDate;

/**
 * Why a finding is ignored: an ignore-file entry, or a VEX statement ({@link #vex()} set) whose status suppresses it.
 * Both count the same way everywhere (summary, {@code --fail-on}, history): an ignored finding stays in every
 * report, marked, with its reason.
 *
 * @param matchedId the ignore entry's or VEX statement's vulnerability id (any id of the finding)
 * @param reason    the required justification (for VEX: status, justification and impact statement in words)
 * @param expires   last day the entry applies, or null
 * @param vex       the VEX statement that suppresses the finding, or null for an ignore-file entry
 */
public record Ignore(String matchedId, String reason, LocalDate expires, VexSuppression vex) {
    /** An ignore-file entry. */
    public Ignore(String matchedId, String reason, LocalDate expires) {
        this(matchedId, reason, expires, null);
    }

    /** True when a VEX statement, not an ignore-file entry, suppresses the finding. */
    public boolean isVex() {
        return vex != null;
    }
}
