package dev.bulwark.scan.match;

import java.util.Comparator;

/**
 * A severity and where it came from.
 *
 * @param rating the FIRST rating
 * @param score  the CVSS base score, or null when the rating came from a label
 * @param vector the CVSS vector scored, or null
 * @param source e.g. {@code CVSS:3.1 of GHSA-x84v-xcm2-53pg} or {@code database_specific of GHSA-...}
 */
public record SeverityAssessment(Severity rating, Double score, String vector, String source) {
    /** Orders by rating, then score: the "maximum" of a group is the last. */
    public static final Comparator<SeverityAssessment> ORDER = Comparator
            .comparing(SeverityAssessment::rating)
            .thenComparing(a -> a.score == null ? -1.0 : a.score);

    public static SeverityAssessment unknown() {
        return new SeverityAssessment(Severity.UNKNOWN, null, null, null);
    }
}
