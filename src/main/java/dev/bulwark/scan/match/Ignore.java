package dev.bulwark.scan.match;

import java.time.LocalDate;

/**
 * Why a finding is ignored.
 *
 * @param matchedId the ignore entry's id (any id of the finding)
 * @param reason    the required justification
 * @param expires   last day the entry applies, or null
 */
public record Ignore(String matchedId, String reason, LocalDate expires) {
}
