package dev.bulwark.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Ignore;
import dev.bulwark.scan.match.Severity;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counts, the one-line summary and the newly ignored report, over the realistic sample report. */
class ScanSummaryTest {
    @TempDir
    Path tmp;
    private ScanReport report;

    @BeforeEach
    void setUp() throws Exception {
        report = ReportFixtures.sample(tmp);
    }

    @Test
    void countsOnlyActiveFindingsPerSeverity() {
        Map<Severity, Integer> counts = ScanSummary.activeBySeverity(report);
        long active = report.findings().stream().filter(f -> !f.isIgnored() && !f.isInformational()).count();
        assertThat(report.findings()).anyMatch(Finding::isIgnored);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo((int) active).isPositive();
        assertThat(counts).doesNotContainValue(0);
    }

    @Test
    void theOneLineSummaryNamesPackagesFindingsIgnoredUnpinnedAndProblems() {
        long active = report.findings().stream().filter(ScanSummary::isActive).count();
        assertThat(ScanSummary.oneLine(report))
                .startsWith(report.packages().size() + " packages checked, " + active + " vulnerabilities, 1 ignored")
                .contains("1 unpinned not checked")
                .contains(", " + report.errors().size() + " problem(s): " + report.errors().getFirst())
                .endsWith("(" + report.durationMs() + " ms)");
    }

    @Test
    void withIgnoredMarksEveryFindingCarryingTheIdAsAnAliasInAnyCase() {
        Finding before = report.findings().stream().filter(f -> f.allIds().anyMatch("CVE-2099-0001"::equals))
                .findFirst().orElseThrow();
        assertThat(before.isIgnored()).isFalse();
        ScanReport marked = ScanSummary.withIgnored(report, "cve-2099-0001", "not reachable");
        Finding evil = marked.findings().get(report.findings().indexOf(before));
        assertThat(evil.ignore()).isEqualTo(new Ignore("cve-2099-0001", "not reachable", null));
        assertThat(ScanSummary.oneLine(marked)).contains("2 ignored");
        // Findings already ignored keep their rule; the others are untouched.
        assertThat(marked.findings()).hasSameSizeAs(report.findings());
        for (int i = 0; i < report.findings().size(); i++) {
            Finding other = report.findings().get(i);
            if (other != before) {
                assertThat(marked.findings().get(i)).isEqualTo(other);
            }
        }
    }
}
