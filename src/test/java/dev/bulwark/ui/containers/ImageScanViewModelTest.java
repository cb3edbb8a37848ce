package dev.bulwark.ui.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.ContainerFindingsSource;
import dev.bulwark.scan.image.ContainerImageFindings;
import dev.bulwark.scan.image.ImageExporter;
import dev.bulwark.scan.image.ImageScanCache;
import dev.bulwark.scan.image.TestImages;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.policy.IgnoreFile;
import dev.bulwark.scan.policy.IgnoreFileWriter;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.scan.DatabaseViewModel;
import dev.bulwark.ui.scan.ScanServices;
import dev.bulwark.ui.scan.VulnerabilitiesViewModel;
import dev.bulwark.testsupport.SharedData;
import dev.bulwark.testsupport.StalledExport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Containers view's image scanning against the real test engine and real OSV data: a container's image is
 * exported and scanned with per-layer progress, the result is shared by every container on that image id, the
 * Overview's source counts the running containers carrying HIGH or CRITICAL findings, and Cancel closes the export.
 * Each scan is stored once in the scan history the Vulnerabilities view (and so the Overview) shows.
 */
class ImageScanViewModelTest {
    @TempDir
    static Path tmp;
    private static Path db;
    private static TestImages.Built image;
    private static DockerEngine engine;
    private static final List<String> started = new ArrayList<>();

    private final LinkedBlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
    private final TaskRunner tasks = new TaskRunner(fx::add, (c, e) -> { throw new AssertionError(c, e); });
    private final ScanHistory history = new ScanHistory(tmp.resolve("history-" + UUID.randomUUID()));
    private final ImageScanCache cache = new ImageScanCache(Clock.systemUTC(), history);
    private final ScanServices services = new ScanServices(db, tmp.resolve("cache"), URI.create("http://127.0.0.1:9/"),
            URI.create("http://127.0.0.1:9/"), Clock.systemUTC(), () -> 7, history, tasks, fx::add, u -> { }, "",
            tmp.resolve("config-" + UUID.randomUUID()).resolve("image-ignore.yaml"));
    private final ContainerImageFindings running = new ContainerImageFindings(cache);

    @BeforeAll
    static void setUp() throws Exception {
        image = TestImages.multiLayer();
        db = tmp.resolve("db");
        new AdvisoryDatabase(db, Clock.systemUTC(), Duration.ofDays(7))
                .importDumps(List.of(SharedData.osvDb().resolve("PyPI/all.zip")));
        engine = EngineFactory.dockerJava().open(EngineSpec.fromEnvironment(System.getenv(),
                System.getProperty("os.name", "")));
        for (String tag : List.of(image.tag(), image.tag(), dev.bulwark.testsupport.DockerEngineSupport.image())) {
            String name = "bulwark-imgvm-" + UUID.randomUUID().toString().substring(0, 8);
            TestImages.run(List.of("docker", "run", "-d", "--network", "none", "--name", name, tag, "sleep", "300"), tmp);
            started.add(name);
        }
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (!started.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
            rm.addAll(started);
            TestImages.run(rm, tmp);
        }
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        tasks.close();
        running.close();
    }

    private ImageScanViewModel viewModel(ImageExporter images) {
        return new ImageScanViewModel(cache, running, images, services::matchImage, tasks, fx::add);
    }

    private static ContainerView view(String name) {
        return new ContainerView(engine.spec().name(), engine.inspect(name), null, false);
    }

    /** Runs what the background posts to the "FX thread" until {@code done}. */
    private void pumpUntil(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(end);
            Runnable r = fx.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    @Test
    void scanShowsFindingsBySeverityAndLayerAndIsSharedByContainersOnTheSameImage() throws Exception {
        ImageScanViewModel vm = viewModel(StalledExport.of(engine));
        ContainerView a = view(started.get(0));
        ContainerView b = view(started.get(1));
        ContainerView other = view(started.get(2));
        assertThat(a.details().imageId()).startsWith("sha256:").isEqualTo(b.details().imageId());
        vm.select(a);
        assertThat(vm.messageProperty().get()).contains("not scanned yet");
        List<String> messages = new ArrayList<>();
        List<Double> progress = new ArrayList<>();
        vm.messageProperty().addListener((o, x, m) -> messages.add(m));
        vm.progressProperty().addListener((o, x, p) -> progress.add(p.doubleValue()));

        // The Vulnerabilities view (whose history list the Overview's "last scan" reads) over the same history.
        VulnerabilitiesViewModel vulnerabilities = new VulnerabilitiesViewModel(services,
                new DatabaseViewModel(services, t -> { }), n -> { });

        vm.scanSelected();
        assertThat(vm.scanningProperty().get()).isTrue();
        pumpUntil(() -> !vm.scanningProperty().get());

        ImageScanCache.Result r = vm.shownProperty().get();
        // Stored once in the scan history, named by the container's image and engine, and seen by the other view.
        List<ScanHistory.Entry> stored = history.list();
        assertThat(stored).singleElement().satisfies(e -> {
            assertThat(e.roots()).containsExactly(image.tag() + " (" + engine.spec().name() + ")");
            assertThat(e.packages()).isEqualTo(r.report().packages().size());
            assertThat(e.findings()).isEqualTo(vm.findings().size()).isPositive();
        });
        pumpUntil(() -> fx.isEmpty());
        assertThat(vulnerabilities.history()).extracting(ScanHistory.Entry::id).containsExactly(stored.getFirst().id());
        assertThat(VulnerabilitiesViewModel.historyLabel(stored.getFirst(), java.time.ZoneOffset.UTC))
                .contains(vm.findings().size() + " findings\n" + image.tag() + " (" + engine.spec().name() + ") · ");
        vulnerabilities.openHistory(stored.getFirst());
        pumpUntil(() -> vulnerabilities.reportProperty().get() != null);
        assertThat(vulnerabilities.reportProperty().get().findings()).hasSameSizeAs(r.report().findings());
        assertThat(vulnerabilities.targets()).as("an image is not a folder to scan again").isEmpty();
        assertThat(r.unsaved()).isNull();
        assertThat(vm.messageProperty().get()).doesNotContain("not saved");
        assertThat(r).isNotNull();
        assertThat(r.read()).as(String.valueOf(r.problemText())).isTrue();
        int layers = r.inventory().layers().size();
        assertThat(messages).as("one message per layer, with the total from the engine")
                .anySatisfy(m -> assertThat(m).startsWith("Reading layer 1 of " + layers + " of " + image.tag()))
                .anySatisfy(m -> assertThat(m).startsWith("Reading layer " + layers + " of " + layers));
        assertThat(progress).contains(1.0).anySatisfy(p -> assertThat(p).isBetween(0.01, 0.99));
        // The vulnerable PyYAML COPY'd in the top layer: by severity and under that layer with its created_by.
        Finding pyyaml = vm.findings().stream().filter(f -> f.packageName().equalsIgnoreCase("pyyaml")
                && f.version().equals(TestImages.PYYAML_VULNERABLE)).findFirst().orElseThrow();
        LayerFindings top = vm.layers().getLast();
        assertThat(top.findings()).contains(pyyaml);
        assertThat(top.createdBy()).contains("COPY");
        assertThat(vm.layers().stream().mapToInt(l -> l.findings().size()).sum()).isGreaterThanOrEqualTo(vm.findings().size());
        assertThat(vm.counts()).extracting(ImageScanViewModel.SeverityCount::severity)
                .containsExactly(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.UNKNOWN);
        assertThat(vm.counts().stream().mapToInt(ImageScanViewModel.SeverityCount::count).sum())
                .isEqualTo(vm.findings().size());
        assertThat(r.highOrCritical()).as("Debian's python3-cryptography 38.0.4 has a HIGH advisory").isTrue();
        assertThat(ImageScanViewModel.worstText(vm.results().get(a.details().imageId())))
                .isIn("HIGH", "CRITICAL");

        // The second container on the image: its result at once, no second export, nothing stored again.
        vm.select(b);
        assertThat(vm.shownProperty().get()).isSameAs(r);
        assertThat(history.list()).hasSize(1);
        assertThat(vm.scanningProperty().get()).isFalse();
        vm.select(other);
        assertThat(vm.shownProperty().get()).isNull();
        assertThat(vm.results()).doesNotContainKey(other.details().imageId());

        // The Overview's source: both containers on the scanned image flagged, the busybox one not scanned.
        running.running(List.of(new ContainerImageFindings.Running(a.details().name(), a.details().imageId()),
                new ContainerImageFindings.Running(b.details().name(), b.details().imageId()),
                new ContainerImageFindings.Running(other.details().name(), other.details().imageId())));
        ContainerFindingsSource.Findings f = running.current();
        assertThat(f.scanned()).isTrue();
        assertThat(f.running()).isEqualTo(2);
        assertThat(f.total()).isEqualTo(3);
        assertThat(f.flagged()).containsExactlyInAnyOrder(a.details().name(), b.details().name());
        vm.close();
    }

    @Test
    void ignoreOnAnImageReportGoesToThePerUserFileAndAppliesToCachedAndNewImageScans() throws Exception {
        ImageScanViewModel vm = viewModel(StalledExport.of(engine));
        ContainerView a = view(started.get(0));
        vm.select(a);
        vm.scanSelected();
        pumpUntil(() -> !vm.scanningProperty().get());
        ImageScanCache.Result before = vm.shownProperty().get();
        assertThat(before.read()).as(String.valueOf(before.problemText())).isTrue();
        Finding pyyaml = vm.findings().stream().filter(f -> f.packageName().equalsIgnoreCase("pyyaml")
                && f.version().equals(TestImages.PYYAML_VULNERABLE)).findFirst().orElseThrow();
        String id = pyyaml.id();

        // Opened from the scan history in the Vulnerabilities view, wired to the cache as the application does.
        VulnerabilitiesViewModel vulnerabilities = new VulnerabilitiesViewModel(services,
                new DatabaseViewModel(services, t -> { }), n -> { });
        vulnerabilities.onImageIgnored(rule -> cache.applyIgnore(rule.id(), rule.reason()));
        ScanHistory.Entry entry = history.list().getFirst();
        vulnerabilities.openHistory(entry);
        pumpUntil(() -> vulnerabilities.reportProperty().get() != null);
        assertThat(vulnerabilities.reportProperty().get().ofImage()).isTrue();
        vulnerabilities.selectedProperty().set(vulnerabilities.findings().stream()
                .filter(f -> f.id().equals(id)).findFirst().orElseThrow());
        vulnerabilities.ignoreSelected("yaml.load is never called on untrusted input");
        pumpUntil(() -> !vulnerabilities.actionMessageProperty().get().isEmpty());

        Path file = services.imageIgnoreFile();
        assertThat(vulnerabilities.actionMessageProperty().get())
                .isEqualTo("Ignored " + id + " in " + file + " (applies to every image scan)");
        IgnoreFile.Loaded loaded = new IgnoreFile().load(file);
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo(id);
            assertThat(rule.reason()).isEqualTo("yaml.load is never called on untrusted input");
        });
        // Not a path made from the image label under the working directory.
        String root = entry.roots().getFirst();
        assertThat(file).isAbsolute();
        assertThat(IgnoreFileWriter.fileFor(Path.of(root))).doesNotExist();
        // The shown report and its stored entry are marked, as for folders.
        assertThat(vulnerabilities.reportProperty().get().findings()).filteredOn(f -> f.id().equals(id))
                .allSatisfy(f -> assertThat(f.isIgnored()).isTrue());
        assertThat(history.load(entry).findings()).filteredOn(f -> f.id().equals(id))
                .allSatisfy(f -> assertThat(f.isIgnored()).isTrue());

        // The cached result in the Containers view applies it without a new scan.
        pumpUntil(() -> vm.shownProperty().get() != before);
        assertThat(vm.findings()).noneMatch(f -> f.allIds().anyMatch(id::equalsIgnoreCase));
        assertThat(cache.get(a.details().imageId()).orElseThrow().report().findings())
                .filteredOn(f -> f.id().equals(id)).allSatisfy(f -> assertThat(f.isIgnored()).isTrue());

        // Scan image again: the new scan reads the per-user file by itself.
        vm.scanSelected();
        pumpUntil(() -> !vm.scanningProperty().get());
        ImageScanCache.Result again = vm.shownProperty().get();
        assertThat(again.at()).isAfterOrEqualTo(before.at());
        assertThat(again.report().errors()).noneMatch(e -> "ignore-file".equals(e.source()));
        assertThat(again.report().findings()).filteredOn(f -> f.id().equals(id)).isNotEmpty()
                .allSatisfy(f -> assertThat(f.ignore().reason()).isEqualTo("yaml.load is never called on untrusted input"));
        assertThat(vm.findings()).noneMatch(f -> f.id().equals(id));
        vm.close();
    }

    @Test
    void cancelClosesTheExportAndRecordsNothing() throws Exception {
        StalledExport stalled = new StalledExport();
        ImageScanViewModel vm = viewModel(stalled.exporter());
        ContainerView a = view(started.get(0));
        vm.select(a);
        vm.scanSelected();
        assertThat(stalled.awaitReading(30)).isTrue();
        assertThat(vm.progressProperty().get()).isEqualTo(ImageScanViewModel.INDETERMINATE);

        vm.cancel();

        assertThat(stalled.awaitClosed(10)).as("the export stream is closed").isTrue();
        assertThat(vm.scanningProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).contains("cancelled");
        pumpUntil(() -> fx.isEmpty());
        assertThat(vm.results()).isEmpty();
        assertThat(cache.get(a.details().imageId())).isEmpty();
        assertThat(history.list()).as("a cancelled scan is not remembered").isEmpty();
        vm.close();
    }

    /** The view-model without engine access, for views built in benchmarks. */
    static ImageScanViewModel unscanned(ContainerMonitor monitor, TaskRunner tasks, ContainersViewModel containers) {
        // Never scans: the history folder is never created.
        ImageScanCache c = new ImageScanCache(Clock.systemUTC(), new ScanHistory(Path.of("target", "unscanned-history")));
        ImageScanViewModel vm = new ImageScanViewModel(c, new ContainerImageFindings(c), new ImageExporter() {
            @Override
            public List<String> engines() {
                return List.of();
            }

            @Override
            public InputStream save(String engineName, String reference) {
                return monitor.saveImage(engineName, reference);
            }

            @Override
            public int layerCount(String engineName, String reference) {
                return monitor.imageLayerCount(engineName, reference);
            }
        }, inv -> {
            throw new IllegalStateException("no advisory database here");
        }, tasks, javafx.application.Platform::runLater);
        vm.follow(containers);
        return vm;
    }
}
