package dev.bulwark.scan.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.ScanOptions;
import dev.bulwark.scan.ScanSession;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan history over real reports: exact round trip, the limit of 20, listeners, and corrupt files. */
class ScanHistoryTest {
    @TempDir
    Path home;
    private ScanReport report;

    @BeforeEach
    void setUp() throws Exception {
        Path project = Files.createDirectories(home.resolve("project"));
        Files.writeString(project.resolve("requirements.txt"), "requests==2.19.1\njinja2==2.10\npy==1.11.0\n");
        AdvisoryDatabase db = new AdvisoryDatabase(home.resolve("osv-db"),
                Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC), Duration.ofDays(7));
        db.importDumps(List.of(OsvFixtures.recordsDir()));
        ScanOptions options = new ScanOptions(Set.of(ScanOptions.OFFLINE), null, home.resolve("cache"), "",
                Duration.ofSeconds(5), null, FailOn.parse("high"), false, null);
        try (ScanSession s = new ScanSession(db, options, new ManifestScanner())) {
            report = s.scan(List.of(project), f -> { });
        }
        assertThat(report.findings()).isNotEmpty();
    }

    @Test
    void storesAndReloadsAReportExactly() throws IOException {
        ScanHistory history = new ScanHistory(home.resolve("h"));
        ScanHistory.Entry e = history.add(report);
        assertThat(history.load(e)).isEqualTo(report);
        assertThat(e.roots()).containsExactlyElementsOf(report.roots());
        assertThat(e.packages()).isEqualTo(3);
        assertThat(e.bySeverity()).containsKey(Severity.HIGH);
        assertThat(new ScanHistory(home.resolve("h")).list()).containsExactly(e);
    }

    @Test
    void keepsTheLastTwentyNewestFirstAndDeletesOlderReports() throws IOException {
        ScanHistory history = new ScanHistory(home.resolve("h"));
        ScanHistory.Entry first = null;
        ScanHistory.Entry last = null;
        for (int i = 0; i < 23; i++) {
            ScanReport r = new ScanReport(report.generatedAt().plusSeconds(i), i, report.roots(), report.findings(),
                    report.fixes(), report.packages(), report.unpinned(), report.errors(), report.warnings(),
                    report.notes(), report.database(), report.backends(), report.coverage());
            ScanHistory.Entry e = history.add(r);
            first = first == null ? e : first;
            last = e;
        }
        List<ScanHistory.Entry> list = history.list();
        assertThat(list).hasSize(ScanHistory.LIMIT);
        assertThat(list.getFirst()).isEqualTo(last);
        assertThat(list).doesNotContain(first);
        try (var files = Files.list(home.resolve("h"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(ScanHistory.LIMIT + 1);
        }
        assertThat(history.load(list.getLast()).durationMs()).isEqualTo(3);
    }

    @Test
    void sameInstantGetsDistinctIds() throws IOException {
        ScanHistory history = new ScanHistory(home.resolve("h"));
        ScanHistory.Entry a = history.add(report);
        ScanHistory.Entry b = history.add(report);
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(history.list()).containsExactly(b, a);
    }

    @Test
    void listenersHearEveryStoredScanOnceUntilTheyStop() throws Exception {
        ScanHistory history = new ScanHistory(home.resolve("h"));
        List<ScanHistory.Entry> heard = new java.util.ArrayList<>();
        AutoCloseable handle = history.onAdded(e -> {
            try {
                // Told after the files are written: whoever hears it can list or load the scan at once.
                assertThat(history.list()).contains(e);
            } catch (IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
            heard.add(e);
        });
        ScanHistory.Entry a = history.add(report);
        history.replace(a, report); // a change to a stored scan is not a new scan
        assertThat(heard).containsExactly(a);
        handle.close();
        history.add(report);
        assertThat(heard).containsExactly(a);
        assertThat(ScanHistory.of(dev.bulwark.util.AppPaths.under(home)).dir())
                .isEqualTo(home.resolve("data").resolve("scan-history"));
    }

    @Test
    void corruptIndexIsANamedErrorAndTheNextScanStartsAFreshHistory() throws IOException {
        Path dir = Files.createDirectories(home.resolve("h"));
        Files.writeString(dir.resolve("index.json"), "{not json");
        ScanHistory history = new ScanHistory(dir);
        assertThatThrownBy(history::list).isInstanceOf(IOException.class).hasMessageContaining("index.json");
        ScanHistory.Entry e = history.add(report);
        assertThat(history.list()).containsExactly(e);
    }

    @Test
    void missingReportFileIsANamedError() throws IOException {
        ScanHistory history = new ScanHistory(home.resolve("h"));
        ScanHistory.Entry e = history.add(report);
        Files.delete(home.resolve("h").resolve(e.id() + ".json"));
        assertThatThrownBy(() -> history.load(e)).isInstanceOf(IOException.class).hasMessageContaining(e.id());
    }
}
