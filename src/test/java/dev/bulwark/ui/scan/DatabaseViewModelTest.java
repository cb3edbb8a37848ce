package dev.bulwark.ui.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.DumpServer;
import dev.bulwark.scan.osv.EcosystemStatus;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.testsupport.HangingHttpServer;
import dev.bulwark.testsupport.SharedData;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database card's view-model against the real store, importer and downloader (local dump server). */
class DatabaseViewModelTest {
    @TempDir
    Path home;

    private static void awaitIdle(DatabaseViewModel db) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !db.busyProperty().get());
    }

    @Test
    void importShowsPerEcosystemStateAndTheStatusBarText() throws Exception {
        try (ScanUiFixture fx = new ScanUiFixture(home)) {
            DatabaseViewModel db = fx.database();
            db.refresh();
            await().untilAsserted(() -> assertThat(fx.statusBar.get()).isEqualTo("Advisories: no database — import one"));
            assertThat(db.emptyProperty().get()).isTrue();

            db.importDumps(List.of(OsvFixtures.recordsDir()));
            awaitIdle(db);
            assertThat(db.messageProperty().get()).contains("Imported").contains("PyPI");
            await().untilAsserted(() -> assertThat(fx.statusBar.get()).contains("3 ecosystems"));
            assertThat(db.ecosystems()).extracting(EcosystemStatus::ecosystem)
                    .containsExactlyInAnyOrder("PyPI", "Go", "crates.io");
            int records = db.ecosystems().stream().mapToInt(EcosystemStatus::records).sum();
            await().untilAsserted(() -> assertThat(fx.statusBar.get())
                    .isEqualTo("Advisories: " + records + " records, 3 ecosystems, imported today"));
            assertThat(db.staleWarningProperty().get()).isNull();
            assertThat(fx.failures).isEmpty();
        }
    }

    /** Issue 11, hole 1: records without an ecosystem are counted and named in the import summary too. */
    @Test
    void theImportSummaryNamesRecordsDroppedForHavingNoEcosystem() throws Exception {
        try (ScanUiFixture fx = new ScanUiFixture(home)) {
            DatabaseViewModel db = fx.database();
            db.importDumps(List.of(OsvFixtures.recordsWithoutEcosystem(home.resolve("no-ecosystem"))));
            awaitIdle(db);
            assertThat(db.messageProperty().get()).startsWith("Imported PyPI 1 records")
                    .contains("3 record(s) dropped").contains("PYSEC-2018-28").contains("PYSEC-2019-217")
                    .contains("PYSEC-2022-42969");
            assertThat(fx.failures).isEmpty();
        }
    }

    @Test
    void staleAfterTheConfiguredDays() throws Exception {
        try (ScanUiFixture now = new ScanUiFixture(home)) {
            now.importSubset();
        }
        Clock later = Clock.fixed(ScanUiFixture.NOW.plus(Duration.ofDays(45)), ZoneOffset.UTC);
        try (ScanUiFixture fx = new ScanUiFixture(home, later)) {
            DatabaseViewModel db = fx.database();
            db.refresh();
            await().untilAsserted(() -> assertThat(fx.statusBar.get()).endsWith("stale (45 days)"));
            assertThat(db.staleWarningProperty().get()).contains("older than 7 days").contains("PyPI (45 days)");
            fx.staleDays.set(60);
            db.refresh();
            await().untilAsserted(() -> assertThat(fx.statusBar.get()).endsWith("45 days old"));
            assertThat(db.staleWarningProperty().get()).isNull();
        }
    }

    @Test
    void updateDownloadsFromTheDumpServerWithProgressAndImports() throws Exception {
        Path zip = OsvFixtures.zip(home.resolve("pypi.zip"), Map.of(
                "PYSEC-2018-28.json", OsvFixtures.record("PYSEC-2018-28"),
                "GHSA-x84v-xcm2-53pg.json", OsvFixtures.record("GHSA-x84v-xcm2-53pg")));
        try (DumpServer server = new DumpServer(); ScanUiFixture base = new ScanUiFixture(home)) {
            server.files.put("/PyPI/all.zip", Files.readAllBytes(zip));
            ScanUiFixture fx = withDumpBase(base, server.base());
            DatabaseViewModel db = new DatabaseViewModel(fx.services, fx.statusBar::set);
            db.update();
            awaitIdle(db);
            assertThat(db.messageProperty().get()).startsWith("Imported PyPI 2 records").contains("npm: ");
            assertThat(db.progressProperty().get()).isEqualTo(1.0);
            await().untilAsserted(() -> assertThat(fx.statusBar.get())
                    .isEqualTo("Advisories: 2 records, 1 ecosystem, imported today"));
            assertThat(db.ecosystems()).singleElement().satisfies(s ->
                    assertThat(s.sources()).containsExactly(server.base() + "PyPI/all.zip"));

            db.update();
            awaitIdle(db);
            assertThat(db.messageProperty().get()).isEqualTo("PyPI up to date");
        }
    }

    @Test
    void cancelStopsAHangingUpdateAndTheCardStaysUsable() throws Exception {
        try (HangingHttpServer hanging = new HangingHttpServer(404); ScanUiFixture base = new ScanUiFixture(home)) {
            ScanUiFixture fx = withDumpBase(base, hanging.uri());
            DatabaseViewModel db = new DatabaseViewModel(fx.services, fx.statusBar::set);
            db.update();
            assertThat(db.busyProperty().get()).isTrue();
            hanging.awaitRequest();
            db.cancel();
            assertThat(db.busyProperty().get()).isFalse();
            assertThat(db.messageProperty().get()).startsWith("Cancelled");

            db.importDumps(List.of(OsvFixtures.recordsDir()));
            awaitIdle(db);
            assertThat(db.messageProperty().get()).startsWith("Imported");
        }
    }

    @Test
    void cancelStopsARunningImportOfTheRealDumpsAndThePreviousDataStays() throws Exception {
        Path osv = SharedData.osvDb();
        try (ScanUiFixture fx = new ScanUiFixture(home)) {
            fx.importSubset();
            DatabaseViewModel db = fx.database();
            db.importDumps(List.of(osv.resolve("PyPI/all.zip"), osv.resolve("Go/all.zip"),
                    osv.resolve("crates.io/all.zip")));
            // Mid-way: the import's scratch file is filling up.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                    .until(() -> spoolBytes(fx) > 256 * 1024 || !db.busyProperty().get());
            assertThat(db.busyProperty().get()).as("the import is still running when cancelled").isTrue();
            db.cancel();
            assertThat(db.busyProperty().get()).isFalse();
            assertThat(db.messageProperty().get()).startsWith("Cancelled");

            // The worker really stops: its scratch file goes away and no ecosystem was replaced. (Before, the
            // import ran on after Cancel and swapped in all 2,651 PyPI records.)
            await().atMost(Duration.ofSeconds(60)).until(() -> spoolBytes(fx) < 0);
            assertThat(fx.services.database().store().manifest(Ecosystem.PYPI).orElseThrow().records()).isEqualTo(5);
            assertThat(fx.services.database().store().manifest(Ecosystem.GO).orElseThrow().records()).isEqualTo(3);

            // The card stays usable (the worker releases the import lock right after deleting its scratch file).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                db.importDumps(List.of(OsvFixtures.recordsDir()));
                awaitIdle(db);
                assertThat(db.messageProperty().get()).startsWith("Imported");
            });
            assertThat(fx.failures).isEmpty();
        }
    }

    /** Bytes in the import scratch files of the fixture's database, or -1 when there is none. */
    private static long spoolBytes(ScanUiFixture fx) throws java.io.IOException {
        try (Stream<Path> s = Files.list(fx.services.databaseDir())) {
            long total = -1;
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".spool")).toList()) {
                try {
                    total = Math.max(total, 0) + Files.size(p);
                } catch (java.nio.file.NoSuchFileException e) {
                    // deleted between listing and sizing: that import has just ended
                }
            }
            return total;
        }
    }

    @Test
    void theDownloadSizeIsWhatTheDumpServerAnnouncesNowNeverAGuess() throws Exception {
        try (DumpServer server = new DumpServer(); ScanUiFixture base = new ScanUiFixture(home)) {
            server.files.put("/PyPI/all.zip", new byte[1_572_864]);
            server.files.put("/Go/all.zip", new byte[1_572_864]);
            ScanUiFixture fx = withDumpBase(base, server.base());
            DatabaseViewModel db = new DatabaseViewModel(fx.services, fx.statusBar::set);
            assertThat(db.downloadSizeProperty().get()).isEqualTo("size unknown until checked");
            db.checkDownloadSize();
            await().atMost(Duration.ofSeconds(30)).until(() -> !db.checkingSizeProperty().get());
            int all = Ecosystem.values().length;
            assertThat(db.downloadSizeProperty().get()).isEqualTo("3.0 MB in " + all + " dumps (" + (all - 2)
                    + " of unknown size), as the server announces now");
            assertThat(server.requests).extracting(r -> r.get("path")).contains("/PyPI/all.zip", "/Go/all.zip");
            assertThat(Files.exists(fx.services.databaseDir().resolve("downloads/pypi.zip"))).as("nothing downloaded")
                    .isFalse();
        }
        try (ScanUiFixture base = new ScanUiFixture(home)) {
            URI closed = URI.create("http://127.0.0.1:" + freePort() + "/");
            DatabaseViewModel db = new DatabaseViewModel(withDumpBase(base, closed).services, s -> { });
            db.checkDownloadSize();
            await().atMost(Duration.ofSeconds(30)).until(() -> !db.checkingSizeProperty().get());
            assertThat(db.downloadSizeProperty().get()).startsWith("size unknown: " + Ecosystem.values()[0].osvName()
                    + ": ").doesNotContain("null").endsWith(" more)");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static ScanUiFixture withDumpBase(ScanUiFixture fx, URI base) {
        ScanServices s = fx.services;
        return new ScanUiFixture(fx, new ScanServices(s.databaseDir(), s.cacheDir(), base, s.osvApi(), s.clock(),
                s.staleDays(), s.history(), s.tasks(), s.fx(), s.links(), s.toolPath(), s.imageIgnoreFile()));
    }
}
