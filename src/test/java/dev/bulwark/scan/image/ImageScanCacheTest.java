package dev.bulwark.scan.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.ContainerFindingsSource;
import dev.bulwark.scan.ScanOptions;
import dev.bulwark.scan.ScanSession;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.testsupport.SharedData;
import dev.bulwark.testsupport.StalledExport;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image-id keyed cache shared by {@code containers --scan} and the GUI, over the real multi-layer image's
 * {@code docker save} archive: one export per image id however many callers, a second caller waits for the scan in
 * progress, an unreadable image is kept with its problem, and a cancelled scan closes its export and keeps nothing.
 * Each new scan is stored once in the scan history; a history that cannot be written is named, the scan still counts.
 */
class ImageScanCacheTest {
    @TempDir
    Path tmp;
    private ScanSession session;
    private Path archive;
    private ScanHistory history;
    private ImageScanCache cache;
    private final ImageScanner scanner = new ImageScanner();
    private ScanOptions options;

    @BeforeEach
    void setUp() throws Exception {
        archive = TestImages.multiLayer().archive();
        history = new ScanHistory(tmp.resolve("history"));
        cache = new ImageScanCache(Clock.systemUTC(), history);
        options = new ScanOptions(Set.of(ScanOptions.OFFLINE), URI.create("http://127.0.0.1:9/"),
                tmp.resolve("cache"), "", Duration.ofSeconds(10), null, FailOn.HIGH, false, null);
        session = new ScanSession(new AdvisoryDatabase(tmp.resolve("db"), Clock.systemUTC(), Duration.ofDays(7)),
                options, new ManifestScanner());
    }

    @AfterEach
    void tearDown() throws Exception {
        session.close();
    }

    @Test
    void twoCallersForOneImageIdShareOneExport() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ImageScanCache.Export export = () -> {
            opens.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Files.newInputStream(archive);
        };
        AtomicReference<ImageScanCache.Result> first = new AtomicReference<>();
        AtomicReference<ImageScanCache.Result> second = new AtomicReference<>();
        Thread a = Thread.ofVirtual().start(() -> first.set(scan("sha256:one", export)));
        await().until(() -> opens.get() == 1);
        Thread b = Thread.ofVirtual().start(() -> second.set(scan("sha256:one", export)));
        await().until(() -> b.getState() == Thread.State.WAITING);
        release.countDown();
        a.join();
        b.join();

        assertThat(opens).hasValue(1);
        assertThat(second.get()).isSameAs(first.get());
        assertThat(first.get().read()).isTrue();
        assertThat(first.get().inventory().layers()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(cache.get("sha256:one")).containsSame(first.get());
        // Asked again without "again": the cached result, no export.
        assertThat(scan("sha256:one", export)).isSameAs(first.get());
        assertThat(opens).hasValue(1);
        // One scan, one history entry, whatever the number of callers; its target is the reference asked for.
        List<ScanHistory.Entry> stored = history.list();
        assertThat(stored).singleElement().satisfies(e -> {
            assertThat(e.roots()).containsExactly("sha256:one");
            assertThat(e.packages()).isEqualTo(first.get().report().packages().size()).isPositive();
        });
        assertThat(history.load(stored.getFirst()).findings()).isEqualTo(first.get().report().findings());
        assertThat(first.get().unsaved()).isNull();
        // "again" is a new scan: stored again.
        cache.scan("sha256:one", "one", true, export, scanner, session::scanImage, -1, ImageScanner.Progress.NONE);
        assertThat(history.list()).hasSize(2);
    }

    @Test
    void aHistoryThatCannotBeWrittenIsNamedAndTheScanStillCounts() throws Exception {
        Path blocked = Files.writeString(tmp.resolve("not-a-folder"), "a file where the history folder should be");
        ImageScanCache c = new ImageScanCache(Clock.systemUTC(), new ScanHistory(blocked));

        ImageScanCache.Result r = c.scan("sha256:three", "three", false, () -> Files.newInputStream(archive),
                scanner, session::scanImage, -1, ImageScanner.Progress.NONE);

        assertThat(r.read()).isTrue();
        assertThat(r.unsaved()).startsWith("not saved in the scan history " + blocked + ": ");
        assertThat(c.get("sha256:three")).containsSame(r);
    }

    @Test
    void anImageTheEngineRefusesIsKeptWithItsProblem() throws Exception {
        ImageScanCache.Result r = cache.scan("sha256:gone", "gone:1", false, () -> {
            throw new IllegalStateException("No such image: gone:1");
        }, scanner, session::scanImage, -1, ImageScanner.Progress.NONE);

        assertThat(r.read()).isFalse();
        assertThat(r.problemText()).isEqualTo("cannot read image: No such image: gone:1");
        assertThat(r.worst()).isEmpty();
        assertThat(cache.get("sha256:gone")).containsSame(r);
        assertThat(r.unsaved()).isNull();
        assertThat(history.list()).as("nothing was checked: nothing to remember").isEmpty();
    }

    @Test
    void cancelClosesTheExportAndKeepsNothingSoTheNextCallScansAnew() throws Exception {
        StalledExport stalled = new StalledExport();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                cache.scan("sha256:two", "two", false, () -> stalled, scanner, session::scanImage, -1,
                        ImageScanner.Progress.NONE);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        assertThat(stalled.awaitReading(30)).isTrue();
        t.interrupt();
        t.join(10_000);

        assertThat(t.isAlive()).isFalse();
        assertThat(stalled.awaitClosed(1)).isTrue();
        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(cache.get("sha256:two")).isEmpty();
        assertThat(scan("sha256:two", () -> Files.newInputStream(archive)).read()).isTrue();
    }

    @Test
    void runningContainersOnAScannedImageAreCountedForTheOverview() throws Exception {
        ContainerImageFindings findings = new ContainerImageFindings(cache);
        List<ContainerFindingsSource.Findings> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        findings.subscribe(published::add);
        findings.running(List.of(new ContainerImageFindings.Running("web", "sha256:three"),
                new ContainerImageFindings.Running("db", "sha256:other")));
        assertThat(findings.current().scanned()).isFalse();
        assertThat(findings.current().total()).isEqualTo(2);

        ImageScanCache.Result r = scan("sha256:three", () -> Files.newInputStream(archive));

        ContainerFindingsSource.Findings f = findings.current();
        assertThat(f.scanned()).isTrue();
        assertThat(f.running()).isEqualTo(1);
        assertThat(f.total()).isEqualTo(2);
        // The database here is empty: nothing is HIGH, so nothing is flagged (the real-data case is in the GUI tests).
        assertThat(r.highOrCritical()).isFalse();
        assertThat(f.flagged()).isEmpty();
        assertThat(published).last().isEqualTo(f);
        findings.close();
    }

    @Test
    void anIgnoreAddedLaterMarksCachedResultsOnceWithoutANewScanOrHistoryEntry() throws Exception {
        AdvisoryDatabase withData = new AdvisoryDatabase(tmp.resolve("db-pypi"), Clock.systemUTC(), Duration.ofDays(7));
        withData.importDumps(List.of(SharedData.osvDb().resolve("PyPI/all.zip")));
        try (ScanSession real = new ScanSession(withData, options, new ManifestScanner())) {
            ImageScanCache.Result r = cache.scan("sha256:four", "four", false, () -> Files.newInputStream(archive),
                    scanner, real::scanImage, -1, ImageScanner.Progress.NONE);
            Finding pyyaml = r.report().findings().stream().filter(f -> f.packageName().equalsIgnoreCase("pyyaml")
                    && f.version().equals(TestImages.PYYAML_VULNERABLE) && !f.isIgnored()).findFirst().orElseThrow();
            List<ImageScanCache.Result> heard = new CopyOnWriteArrayList<>();
            try (AutoCloseable listening = cache.onResult(heard::add)) {
                assertThat(cache.applyIgnore(pyyaml.id(), "loads trusted YAML only")).isEqualTo(1);
                assertThat(cache.applyIgnore(pyyaml.id(), "loads trusted YAML only")).as("already ignored").isZero();
                assertThat(cache.applyIgnore("CVE-1999-0000", "not in this image")).isZero();
            }
            ImageScanCache.Result now = cache.get("sha256:four").orElseThrow();
            assertThat(heard).containsExactly(now);
            assertThat(now.report().findings()).filteredOn(f -> f.id().equals(pyyaml.id())).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.ignore().reason()).isEqualTo("loads trusted YAML only"));
            assertThat(now.report().findings()).filteredOn(f -> !f.id().equals(pyyaml.id()))
                    .isEqualTo(r.report().findings().stream().filter(f -> !f.id().equals(pyyaml.id())).toList());
            assertThat(now.at()).isEqualTo(r.at());
            assertThat(now.inventory()).isSameAs(r.inventory());
            assertThat(history.list()).as("an ignore is no new scan").hasSize(1);
        }
    }

    private ImageScanCache.Result scan(String id, ImageScanCache.Export export) {
        try {
            return cache.scan(id, id, false, export, scanner, session::scanImage, -1, ImageScanner.Progress.NONE);
        } catch (InterruptedIOException e) {
            throw new AssertionError(e);
        }
    }
}
