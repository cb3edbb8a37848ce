package dev.bulwark.scan.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.osv.OsvSeverity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeverityScorerTest {
    private final SeverityScorer scorer = new SeverityScorer();

    @Test
    void scoresCvss31WithTheCalculator() {
        // RUSTSEC-2021-0001 / mdBook XSS: NVD gives 6.1.
        SeverityAssessment a = scorer.assess("X", List.of(new OsvSeverity("CVSS_V3",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N")), null);
        assertThat(a.score()).isEqualTo(6.1);
        assertThat(a.rating()).isEqualTo(Severity.MEDIUM);
        assertThat(a.vector()).startsWith("CVSS:3.1/");
    }

    @Test
    void prefersV4OverV3() {
        SeverityAssessment a = scorer.assess("X", List.of(
                new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                new OsvSeverity("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N")), null);
        assertThat(a.vector()).startsWith("CVSS:4.0/");
        assertThat(a.rating()).isIn(Severity.LOW, Severity.MEDIUM);
    }

    @Test
    void scoresV2Vectors() {
        SeverityAssessment a = scorer.assess("X", List.of(new OsvSeverity("CVSS_V2", "AV:N/AC:L/Au:N/C:P/I:P/A:P")), null);
        assertThat(a.score()).isEqualTo(7.5);
        assertThat(a.rating()).isEqualTo(Severity.HIGH);
    }

    @Test
    void fallsBackToTheDatabaseLabelThenUnknown() {
        assertThat(scorer.assess("X", List.of(), "MODERATE").rating()).isEqualTo(Severity.MEDIUM);
        assertThat(scorer.assess("X", List.of(), "MODERATE").score()).isNull();
        assertThat(scorer.assess("X", List.of(new OsvSeverity("CVSS_V3", "garbage")), null).rating())
                .isEqualTo(Severity.UNKNOWN);
    }

    @Test
    void firstScaleBoundaries() {
        assertThat(Severity.fromScore(9.0)).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromScore(8.9)).isEqualTo(Severity.HIGH);
        assertThat(Severity.fromScore(7.0)).isEqualTo(Severity.HIGH);
        assertThat(Severity.fromScore(4.0)).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.fromScore(0.1)).isEqualTo(Severity.LOW);
        assertThat(Severity.fromScore(0.0)).isEqualTo(Severity.NONE);
    }
}
