package dev.bulwark.ui.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.scan.image.ImageSource;
import dev.bulwark.scan.image.TestImages;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.policy.IgnoreFile;
import dev.bulwark.scan.policy.IgnoreFileWriter;
import dev.bulwark.scan.policy.IgnoreRule;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.testsupport.SharedData;
import dev.bulwark.testsupport.StalledExport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Vulnerabilities view's image targets next to folders: an image from the real test engine, its
 * {@code docker save} archive and a root file system folder, scanned with layer progress against real OSV data;
 * Cancel closes a stalled export and records nothing.
 */
class VulnerabilitiesImageTargetTest {
    @TempDir
    Path home;
    private ScanUiFixture fx;
    private TestImages.Built image;

    @BeforeEach
    void setUp() throws Exception {
        image = TestImages.multiLayer();
        fx = new ScanUiFixture(home, Clock.systemUTC());
        fx.services.database().importDumps(List.of(SharedData.osvDb().resolve("PyPI/all.zip")));
    }

    @AfterEach
    void tearDown() {
        if (fx != null) { // null when set-up skipped the test (no engine)
            fx.close();
        }
    }

    private ScanReport scan(VulnerabilitiesViewModel vm, List<String> messages) {
        vm.scanMessageProperty().addListener((o, a, m) -> messages.add(m));
        vm.scan();
        await().atMost(Duration.ofSeconds(120)).until(() -> !vm.scanningProperty().get());
        assertThat(fx.failures).isEmpty();
        ScanReport r = vm.reportProperty().get();
        assertThat(r).as(vm.scanMessageProperty().get()).isNotNull();
        return r;
    }

    private static Finding pyyaml(ScanReport r) {
        return r.findings().stream().filter(f -> f.packageName().equalsIgnoreCase("pyyaml")
                && f.version().equals(TestImages.PYYAML_VULNERABLE)).findFirst().orElseThrow();
    }

    @Test
    void anImageFromTheEngineIsScannedLayerByLayerAndRemembered() throws Exception {
        try (DockerEngine engine = EngineFactory.dockerJava().open(EngineSpec.fromEnvironment(System.getenv(),
                System.getProperty("os.name", "")))) {
            VulnerabilitiesViewModel vm = fx.viewModel();
            vm.useImageEngines(StalledExport.of(engine));
            vm.setImage(new ImageSource(ImageSource.Kind.IMAGE, image.tag()));
            assertThat(vm.targets()).isEmpty();
            List<String> messages = new CopyOnWriteArrayList<>();
            List<Double> progress = new CopyOnWriteArrayList<>();
            vm.progressProperty().addListener((o, a, p) -> progress.add(p.doubleValue()));

            ScanReport r = scan(vm, messages);

            int layers = engine.imageLayerCount(image.tag());
            assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("Reading layer 1 of " + layers + " of image "
                    + image.tag())).anySatisfy(m -> assertThat(m).startsWith("Reading layer " + layers + " of " + layers));
            assertThat(progress).anySatisfy(p -> assertThat(p).isBetween(0.0, 0.99));
            assertThat(pyyaml(r).primaryLocation().origin().createdBy()).contains("COPY");
            assertThat(vm.history()).hasSize(1);
            assertThat(fx.services.history().list()).hasSize(1);
        }
    }

    @Test
    void archivesAndRootFileSystemsAreTargetsToo() {
        VulnerabilitiesViewModel vm = fx.viewModel();
        // A dropped tar is an image archive; a dropped folder stays a folder.
        vm.drop(List.of(fx.project));
        assertThat(vm.imageProperty().get()).isNull();
        vm.drop(List.of(image.archive()));
        assertThat(vm.targets()).isEmpty();
        assertThat(vm.imageProperty().get()).isEqualTo(new ImageSource(ImageSource.Kind.ARCHIVE,
                image.archive().toAbsolutePath().normalize().toString()));
        List<String> messages = new CopyOnWriteArrayList<>();
        ScanReport archive = scan(vm, messages);
        assertThat(pyyaml(archive)).isNotNull();
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("Reading layer 1 of image archive"));

        vm.setImage(new ImageSource(ImageSource.Kind.ROOTFS, image.rootfs().toString()));
        List<String> rootfsMessages = new CopyOnWriteArrayList<>();
        ScanReport rootfs = scan(vm, rootfsMessages);
        assertThat(rootfs.packages()).isNotEmpty();
        assertThat(rootfsMessages).anySatisfy(m -> assertThat(m).startsWith("Reading layer 1 of 1 of root file system"));

        // Choosing a folder again drops the image target.
        vm.setTargets(List.of(fx.project));
        assertThat(vm.imageProperty().get()).isNull();
    }

    @Test
    void ignoreOnAnImageReportWritesThePerUserFileAndTheNextScanOfAnyImageAppliesIt() throws Exception {
        VulnerabilitiesViewModel vm = fx.viewModel();
        List<IgnoreRule> heard = new CopyOnWriteArrayList<>();
        vm.onImageIgnored(heard::add);
        vm.drop(List.of(image.archive()));
        ScanReport archive = scan(vm, new CopyOnWriteArrayList<>());
        assertThat(archive.ofImage()).isTrue();
        Finding f = pyyaml(archive);
        vm.selectedProperty().set(f);
        assertThat(vm.ignoreTooltip(f)).isEqualTo("Adds " + f.id() + " with your reason to "
                + fx.services.imageIgnoreFile() + " (the image ignore file: every image scan reads it)");
        vm.ignoreSelected("  only trusted YAML is loaded ");
        await().atMost(Duration.ofSeconds(10)).until(() -> !vm.actionMessageProperty().get().isEmpty());

        Path file = fx.services.imageIgnoreFile();
        assertThat(vm.actionMessageProperty().get())
                .isEqualTo("Ignored " + f.id() + " in " + file + " (applies to every image scan)");
        assertThat(new IgnoreFile().load(file).rules()).containsExactly(new IgnoreRule(f.id(), "only trusted YAML is loaded", null));
        assertThat(IgnoreFileWriter.fileFor(Path.of(archive.roots().getFirst()))).doesNotExist();
        assertThat(heard).containsExactly(new IgnoreRule(f.id(), "only trusted YAML is loaded", null));
        assertThat(vm.selectedProperty().get().isIgnored()).isTrue();
        assertThat(fx.services.history().load(vm.history().getFirst()).findings())
                .filteredOn(x -> x.id().equals(f.id())).isNotEmpty().allSatisfy(x -> assertThat(x.isIgnored()).isTrue());

        // Another target (the image itself from the engine, not its archive): its scan reads the per-user file.
        try (DockerEngine engine = EngineFactory.dockerJava().open(EngineSpec.fromEnvironment(System.getenv(),
                System.getProperty("os.name", "")))) {
            vm.useImageEngines(StalledExport.of(engine));
            vm.setImage(new ImageSource(ImageSource.Kind.IMAGE, image.tag()));
            ScanReport fromEngine = scan(vm, new CopyOnWriteArrayList<>());
            assertThat(fromEngine.errors()).noneMatch(e -> "ignore-file".equals(e.source()));
            assertThat(fromEngine.findings()).filteredOn(x -> x.id().equals(f.id())).isNotEmpty()
                    .allSatisfy(x -> assertThat(x.ignore().reason()).isEqualTo("only trusted YAML is loaded"));
        }
        // A broken file is named in the next image scan's problems, not silently skipped.
        java.nio.file.Files.writeString(file, "ignore: [oops");
        vm.setImage(new ImageSource(ImageSource.Kind.ROOTFS, image.rootfs().toString()));
        ScanReport broken = scan(vm, new CopyOnWriteArrayList<>());
        assertThat(broken.errors()).anySatisfy(e -> assertThat(e.toString()).contains(file.toString()));
    }

    @Test
    void cancelClosesAStalledExportAndRecordsNothing() throws Exception {
        StalledExport stalled = new StalledExport();
        VulnerabilitiesViewModel vm = fx.viewModel();
        vm.useImageEngines(stalled.exporter());
        vm.setImage(new ImageSource(ImageSource.Kind.IMAGE, "stalled/app:1"));
        vm.scan();
        assertThat(stalled.awaitReading(30)).isTrue();
        assertThat(vm.scanningProperty().get()).isTrue();

        vm.cancelScan();

        assertThat(stalled.awaitClosed(10)).as("cancel closes the export").isTrue();
        assertThat(vm.scanMessageProperty().get()).isEqualTo("Scan cancelled; no result recorded.");
        fx.tasks.close(); // waits for the interrupted scan to unwind
        assertThat(vm.reportProperty().get()).isNull();
        assertThat(fx.services.history().list()).isEmpty();
    }
}
