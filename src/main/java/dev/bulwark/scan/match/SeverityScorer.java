package dev.bulwark.scan.match;

import dev.bulwark.scan.osv.OsvSeverity;
import dev.bulwark.util.LazyLogger;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import us.springett.cvss.Cvss;

/**
 * Scores an advisory: the best CVSS vector (v4, then v3.1, v3.0, v2) scored with cvss-calculator; else
 * the record's {@code database_specific.severity}; else UNKNOWN. Never guesses from the description.
 */
public final class SeverityScorer {
    private static final Logger LOG = LazyLogger.of(SeverityScorer.class);

    /** Assesses one advisory identified by {@code id}. */
    public SeverityAssessment assess(String id, List<OsvSeverity> severities, String databaseSeverity) {
        for (int rank = 0; rank < 4; rank++) {
            for (OsvSeverity s : severities) {
                if (rank(s) == rank) {
                    Optional<SeverityAssessment> scored = score(id, s.score());
                    if (scored.isPresent()) {
                        return scored.get();
                    }
                }
            }
        }
        return Severity.fromLabel(databaseSeverity)
                .map(r -> new SeverityAssessment(r, null, null, "database_specific.severity of " + id))
                .orElse(SeverityAssessment.unknown());
    }

    private static int rank(OsvSeverity s) {
        String v = s.score() == null ? "" : s.score();
        if ("CVSS_V4".equals(s.type()) || v.startsWith("CVSS:4.0/")) {
            return 0;
        }
        if (v.startsWith("CVSS:3.1/")) {
            return 1;
        }
        if (v.startsWith("CVSS:3.0/")) {
            return 2;
        }
        return "CVSS_V2".equals(s.type()) ? 3 : -1;
    }

    private static Optional<SeverityAssessment> score(String id, String vector) {
        try {
            Cvss cvss = Cvss.fromVector(vector);
            if (cvss == null) {
                LOG.debug("{}: unrecognised CVSS vector {}", id, vector);
                return Optional.empty();
            }
            double base = cvss.calculateScore().getBaseScore();
            String version = vector.startsWith("CVSS:") ? vector.substring(0, vector.indexOf('/')) : "CVSS:2.0";
            return Optional.of(new SeverityAssessment(Severity.fromScore(base), base, vector, version + " of " + id));
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot score CVSS vector {}: {}", id, vector, e.toString());
            return Optional.empty();
        }
    }
}
