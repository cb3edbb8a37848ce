package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.backend.BackendStatus;
import dev.bulwark.scan.backend.FakeOsvApi;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing, the offline store and the online API together, as the CLI and GUI use them. */
class ScanSessionTest {
    @TempDir
    Path tmp;

    @Test
    void offlineAndOnlineBackendsAgreeOnOneDeduplicatedFinding() throws Exception {
        AdvisoryDatabase db = new AdvisoryDatabase(tmp.resolve("db"), Clock.systemUTC(), Duration.ofDays(7));
        db.importDumps(List.of(OsvFixtures.allRecordsZip(tmp)));
        Path project = Files.createDirectories(tmp.resolve("project").resolve("svc"));
        Files.writeString(project.resolve("requirements.txt"), "requests==2.19.0\n");
        try (FakeOsvApi api = new FakeOsvApi()) {
            ScanOptions options = new ScanOptions(Set.of(ScanOptions.OFFLINE, ScanOptions.ONLINE, ScanOptions.PIP_AUDIT),
                    api.base(), tmp.resolve("cache"), tmp.resolve("empty-path").toString(), Duration.ofSeconds(10),
                    null, FailOn.HIGH, false, tmp.resolve("project"));
            ScanReport report;
            try (ScanSession session = new ScanSession(db, options, new ManifestScanner())) {
                report = session.scan(List.of(tmp.resolve("project")), f -> { });
            }

            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.id()).isEqualTo("CVE-2018-18074");
                assertThat(f.backends()).containsExactly("osv-offline", "osv.dev");
                assertThat(f.primaryLocation().file()).isEqualTo(Path.of("svc", "requirements.txt"));
                assertThat(f.primaryLocation().line()).isEqualTo(1);
            });
            assertThat(report.backends()).extracting(BackendStatus::name, BackendStatus::state).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("osv-offline", "ok"),
                    org.assertj.core.groups.Tuple.tuple("osv.dev", "ok"),
                    org.assertj.core.groups.Tuple.tuple("pip-audit", "not-found"));
            assertThat(report.errors()).anySatisfy(e -> assertThat(e.message()).contains("pip-audit not found"));
            assertThat(FailOn.HIGH.tripping(report.findings(), false)).extracting(Finding::id)
                    .containsExactly("CVE-2018-18074");
            assertThat(report.durationMs()).isNotNegative();
        }
    }
}
