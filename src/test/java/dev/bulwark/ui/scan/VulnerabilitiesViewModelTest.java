package dev.bulwark.ui.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.scan.backend.BackendStatus;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.policy.IgnoreFile;
import dev.bulwark.scan.report.ReportFormat;
import dev.bulwark.testsupport.HangingHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view-model against the real scanner core and the committed OSV subset. */
class VulnerabilitiesViewModelTest {
    @TempDir
    Path home;
    private ScanUiFixture fx;
    private VulnerabilitiesViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        fx = new ScanUiFixture(home);
        fx.importSubset();
        vm = fx.viewModel();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private void scanProject() {
        vm.setTargets(List.of(fx.project));
        vm.scan();
        await().atMost(Duration.ofSeconds(60)).until(() -> !vm.scanningProperty().get());
        assertThat(fx.failures).isEmpty();
        assertThat(vm.reportProperty().get()).as(vm.scanMessageProperty().get()).isNotNull();
    }

    private Finding finding(String pkg) {
        return vm.findings().stream().filter(f -> f.packageName().equals(pkg)).findFirst().orElseThrow();
    }

    @Test
    void scanShowsFindingsAndCountsFilesAndRemembersTheScan() {
        scanProject();
        assertThat(vm.findings()).extracting(Finding::packageName).contains("requests", "jinja2", "py");
        assertThat(vm.filesSeenProperty().get()).isEqualTo(1);
        assertThat(finding("requests").severity().rating()).isEqualTo(Severity.HIGH);
        assertThat(vm.resultEcosystems()).containsExactly("PyPI");
        assertThat(vm.history()).hasSize(1);
        assertThat(vm.scanMessageProperty().get()).contains("3 packages checked");
    }

    /** Issue 11, hole 2: the GUI says "no packages could be read", as the CLI does, never "0 vulnerabilities". */
    @Test
    void aScanThatReadNothingSaysSo() throws Exception {
        Path empty = Files.createDirectories(home.resolve("empty"));
        vm.setTargets(List.of(empty));
        vm.scan();
        await().atMost(Duration.ofSeconds(60)).until(() -> !vm.scanningProperty().get());
        assertThat(vm.scanMessageProperty().get()).startsWith("No packages could be read: no dependency manifest")
                .contains("nothing was scanned").doesNotContain("0 vulnerabilities");
    }

    @Test
    void filtersBySeverityEcosystemAndText() {
        scanProject();
        int all = vm.findings().size();
        vm.minimumSeverityProperty().set(Severity.HIGH);
        assertThat(vm.visibleFindings()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.severity().rating()).isGreaterThanOrEqualTo(Severity.HIGH));
        assertThat(vm.visibleFindings().size()).isLessThan(all);
        vm.minimumSeverityProperty().set(null);
        vm.textFilterProperty().set("JINJA");
        assertThat(vm.visibleFindings()).isNotEmpty().allSatisfy(f -> assertThat(f.packageName()).isEqualTo("jinja2"));
        vm.textFilterProperty().set("CVE-2018-18074");
        assertThat(vm.visibleFindings()).extracting(Finding::packageName).containsExactly("requests");
        vm.textFilterProperty().set("");
        vm.ecosystemFilterProperty().set("Go");
        assertThat(vm.visibleFindings()).isEmpty();
        vm.ecosystemFilterProperty().set("PyPI");
        assertThat(vm.visibleFindings()).hasSize(all);
    }

    @Test
    void groupsVisibleFindingsByPackageMostSevereFirst() {
        scanProject();
        assertThat(vm.groups()).extracting(PackageGroup::name).containsExactlyInAnyOrder("requests", "jinja2", "py");
        assertThat(vm.groups().getFirst().maxSeverity().rating())
                .isEqualTo(vm.findings().stream().map(f -> f.severity().rating()).max(Enum::compareTo).orElseThrow());
        vm.textFilterProperty().set("requests");
        assertThat(vm.groups()).extracting(PackageGroup::name).containsExactly("requests");
    }

    @Test
    void ignoreWritesTheIgnoreFileAndMarksTheFindingInReportAndHistory() throws Exception {
        scanProject();
        Finding requests = finding("requests");
        vm.selectedProperty().set(requests);
        assertThat(vm.ignoreTooltip(requests)).isEqualTo("Adds " + requests.id() + " with your reason to "
                + fx.project.resolve(IgnoreFile.DEFAULT_NAME));
        vm.ignoreSelected("  ");
        assertThat(vm.actionMessageProperty().get()).contains("needs a reason");
        vm.ignoreSelected("only talks to our own hosts");
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.actionMessageProperty().get().startsWith("Ignored"));
        assertThat(finding("requests").isIgnored()).isTrue();

        Path file = fx.project.resolve(IgnoreFile.DEFAULT_NAME);
        IgnoreFile.Loaded loaded = new IgnoreFile().load(file);
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.rules()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(requests.id());
            assertThat(r.reason()).isEqualTo("only talks to our own hosts");
        });
        assertThat(vm.actionMessageProperty().get()).isEqualTo("Ignored " + requests.id() + " in " + file);
        assertThat(vm.reportProperty().get().ofImage()).isFalse();
        assertThat(fx.services.imageIgnoreFile()).as("a folder's ignore stays in the folder").doesNotExist();
        assertThat(vm.selectedProperty().get().isIgnored()).isTrue();
        ScanHistory.Entry entry = vm.history().getFirst();
        assertThat(fx.services.history().load(entry).findings()).filteredOn(Finding::isIgnored).isNotEmpty();

        // The next scan reads the file: the core marks it ignored by itself.
        vm.scan();
        await().atMost(Duration.ofSeconds(60)).until(() -> !vm.scanningProperty().get() && vm.history().size() == 2);
        assertThat(finding("requests").ignore().reason()).isEqualTo("only talks to our own hosts");
    }

    @Test
    void exportsEveryFormatIntoTheChosenFolder() throws Exception {
        scanProject();
        Path out = Files.createDirectories(home.resolve("out"));
        for (ReportFormat f : ReportFormat.values()) {
            vm.export(f, out);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out.resolve(f.fileName()))
                    && vm.actionMessageProperty().get().endsWith(f.fileName()));
        }
        assertThat(Files.readString(out.resolve("bulwark-report.json"))).contains(finding("requests").id());
        assertThat(vm.actionMessageProperty().get()).startsWith("Wrote ");
    }

    @Test
    void reopensAScanFromHistoryIncludingAfterRestart() {
        scanProject();
        List<String> firstIds = vm.findings().stream().map(Finding::id).toList();
        VulnerabilitiesViewModel fresh = fx.viewModel();
        fresh.loadHistory();
        await().atMost(Duration.ofSeconds(10)).until(() -> fresh.history().size() == 1);
        fresh.openHistory(fresh.history().getFirst());
        await().atMost(Duration.ofSeconds(10)).until(() -> fresh.scanMessageProperty().get().startsWith("Scan of"));
        assertThat(fresh.findings()).extracting(Finding::id).containsExactlyElementsOf(firstIds);
        assertThat(fresh.scanMessageProperty().get()).contains(fx.project.toString());
    }

    @Test
    void refusesToScanWithAnEmptyDatabaseOrWithoutTargetsOrBackends() throws Exception {
        vm.scan();
        assertThat(vm.scanMessageProperty().get()).startsWith("Nothing to scan");
        vm.setTargets(List.of(fx.project));
        vm.backends().values().forEach(b -> b.set(false));
        vm.scan();
        assertThat(vm.scanMessageProperty().get()).startsWith("No backend chosen");

        ScanUiFixture empty = new ScanUiFixture(home.resolve("empty"));
        try {
            VulnerabilitiesViewModel e = empty.viewModel();
            e.setTargets(List.of(empty.project));
            e.scan();
            await().atMost(Duration.ofSeconds(10)).until(() -> !e.scanningProperty().get());
            assertThat(e.scanMessageProperty().get()).contains("advisory database is empty");
            assertThat(e.reportProperty().get()).isNull();
        } finally {
            empty.close();
        }
    }

    @Test
    void opensReferencesThroughTheLinkOpener() {
        scanProject();
        String url = finding("requests").references().getFirst();
        vm.openReference(url);
        await().atMost(Duration.ofSeconds(10)).until(() -> ("Opened " + url).equals(vm.actionMessageProperty().get()));
        assertThat(fx.opened).extracting(Object::toString).containsExactly(url);
    }

    @Test
    void cancelStopsAScanWaitingOnAHangingBackendAndRecordsNothing() throws Exception {
        try (HangingHttpServer hanging = new HangingHttpServer(503)) {
            ScanServices s = fx.services;
            ScanServices online = new ScanServices(s.databaseDir(), s.cacheDir(), s.dumpBase(),
                    hanging.uri(), s.clock(),
                    s.staleDays(), s.history(), s.tasks(), s.fx(), s.links(), s.toolPath(),
                    s.imageIgnoreFile());
            VulnerabilitiesViewModel v = new VulnerabilitiesViewModel(online, fx.database(), fx.notices::add);
            v.backends().get("osv-offline").set(false);
            v.backends().get("osv.dev").set(true);
            v.setTargets(List.of(fx.project));
            v.scan();
            hanging.awaitRequest();
            assertThat(v.scanningProperty().get()).isTrue();
            v.cancelScan();
            assertThat(v.scanningProperty().get()).isFalse();
            assertThat(v.scanMessageProperty().get()).isEqualTo("Scan cancelled; no result recorded.");
            fx.tasks.close(); // waits for the interrupted scan to unwind
            assertThat(v.reportProperty().get()).isNull();
            assertThat(v.history()).isEmpty();
            assertThat(fx.services.history().list()).isEmpty();
        }
    }

    /** Issue 13: the PATH searched for external scanners is the one the composition root gives, not the process's. */
    @Test
    void externalScannersAreLookedUpOnTheConfiguredPath() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path tool = Files.writeString(bin.resolve("osv-scanner"), "#!/bin/sh\necho '{\"results\": []}'\n");
        assertThat(tool.toFile().setExecutable(true)).isTrue();
        assertThat(osvScannerState(bin.toString())).isNotEqualTo(BackendStatus.NOT_FOUND);
        assertThat(osvScannerState(home.resolve("empty").toString())).isEqualTo(BackendStatus.NOT_FOUND);
    }

    private String osvScannerState(String toolPath) {
        ScanServices s = fx.services;
        ScanServices configured = new ScanServices(s.databaseDir(), s.cacheDir(), s.dumpBase(), s.osvApi(),
                s.clock(), s.staleDays(), s.history(), s.tasks(), s.fx(), s.links(), toolPath,
                s.imageIgnoreFile());
        VulnerabilitiesViewModel v = new VulnerabilitiesViewModel(configured, fx.database(), fx.notices::add);
        v.backends().get("osv-offline").set(false);
        v.backends().get("osv-scanner").set(true);
        v.setTargets(List.of(fx.project));
        v.scan();
        await().atMost(Duration.ofSeconds(60)).until(() -> !v.scanningProperty().get());
        assertThat(v.reportProperty().get()).as(v.scanMessageProperty().get()).isNotNull();
        return v.reportProperty().get().backends().stream().filter(b -> b.name().equals("osv-scanner"))
                .findFirst().orElseThrow().state();
    }
}
