package dev.bulwark.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.ratelimit.sim.ClientResult;
import dev.bulwark.ratelimit.sim.LimiterResult;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.docker.history.HistoryPoint;
import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.ContainerFindingsSource;
import dev.bulwark.ui.DirectBatchers;
import dev.bulwark.ui.TaskRunner;
import java.nio.file.Files;
import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.osv.EcosystemStatus;
import dev.bulwark.ui.ViewId;
import dev.bulwark.ui.gateway.GatewayStatusModel;
import dev.bulwark.ui.gateway.ThreatAlert;
import dev.bulwark.util.reconnect.ConnectionState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Overview's state from real inputs: a scan history on disk, monitor records, a lab result. */
class OverviewViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private final ObservableList<EngineStatus> engines = FXCollections.observableArrayList();
    private final SimpleObjectProperty<Totals> totals = new SimpleObjectProperty<>(Totals.of(List.of()));
    private final SimpleObjectProperty<Long> memCapacity = new SimpleObjectProperty<>(0L);
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final ObservableList<EcosystemStatus> ecosystems = FXCollections.observableArrayList();
    private final SimpleStringProperty summary = new SimpleStringProperty("Reading the database…");
    private final SimpleStringProperty stale = new SimpleStringProperty();
    private final SimpleBooleanProperty empty = new SimpleBooleanProperty(true);
    private final ObservableList<ScanHistory.Entry> history = FXCollections.observableArrayList();
    private final SimpleObjectProperty<SimulationResult> lab = new SimpleObjectProperty<>();
    private final SimpleBooleanProperty gatewayConfigured = new SimpleBooleanProperty();
    private final SimpleStringProperty gatewayStatus = new SimpleStringProperty("not configured");
    private final SimpleObjectProperty<GatewayStatusModel.StatusKind> gatewayKind =
            new SimpleObjectProperty<>(GatewayStatusModel.StatusKind.NOT_CONFIGURED);
    private final ObservableList<ThreatAlert> threats = FXCollections.observableArrayList();
    private final List<Object> navigated = new ArrayList<>();
    private final SimpleObjectProperty<Number> cpuCapacity = new SimpleObjectProperty<>(0);
    private final ObservableList<HistoryPoint> clusterHistory = FXCollections.observableArrayList();
    private final SimpleObjectProperty<Number> rtt = new SimpleObjectProperty<>(-1L);
    private final PushedFindings findings = new PushedFindings();
    private final List<List<Path>> imported = new ArrayList<>();
    private final List<Runnable> fx = new ArrayList<>();
    /** The TaskRunner's deliveries to the FX thread, run by the test (they arrive from background threads). */
    private final LinkedBlockingQueue<Runnable> fxTasks = new LinkedBlockingQueue<>();
    private final List<Throwable> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final TaskRunner tasks = new TaskRunner(fxTasks::add, (context, error) -> reported.add(error));

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    /** A findings source the test pushes to, as the image scanner will (from any thread). */
    private static final class PushedFindings implements ContainerFindingsSource {
        private volatile Findings current = Findings.NOT_SCANNED;
        private final List<Consumer<Findings>> listeners = new ArrayList<>();

        @Override
        public Findings current() {
            return current;
        }

        @Override
        public AutoCloseable subscribe(Consumer<Findings> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        void push(Findings f) {
            current = f;
            listeners.forEach(l -> l.accept(f));
        }
    }

    private final AdvisoryActions actions = new AdvisoryActions() {
        private final SimpleStringProperty size = new SimpleStringProperty("size unknown until checked");

        @Override
        public void importDumps(List<Path> files) {
            imported.add(files);
        }

        @Override
        public void download() {
        }

        @Override
        public void checkDownloadSize() {
        }

        @Override
        public ObservableValue<String> downloadSize() {
            return size;
        }

        @Override
        public ObservableValue<Boolean> busy() {
            return new SimpleBooleanProperty();
        }

        @Override
        public ObservableValue<String> message() {
            return new SimpleStringProperty("");
        }
    };

    private OverviewViewModel viewModel() {
        return new OverviewViewModel(new OverviewSources(engines, totals, memCapacity, cpuCapacity, clusterHistory,
                List::of, name -> name.equals("local") ? "unix:///run/missing/docker.sock" : "", alerts, ecosystems,
                summary, stale, empty, history, lab, gatewayConfigured, gatewayStatus, gatewayKind, rtt, threats),
                CLOCK, new OverviewViewModel.Navigator() {
                    @Override
                    public void select(ViewId view) {
                        navigated.add(view);
                    }

                    @Override
                    public void openScan(ScanHistory.Entry entry) {
                        navigated.add(entry);
                    }
                }, findings, DirectBatchers.on(fx::add), actions, tasks);
    }

    @Test
    void latestScanComesFromTheHistoryOnDiskAndOpensInTheVulnerabilitiesView() throws Exception {
        AdvisoryDatabase db = RealScan.importSubset(tmp.resolve("db"), CLOCK);
        ScanHistory store = new ScanHistory(tmp.resolve("history"));
        ScanHistory.Entry first = RealScan.scanInto(db, tmp.resolve("a"), store);
        ScanHistory.Entry second = RealScan.scanInto(db, tmp.resolve("b"), store);
        OverviewViewModel vm = viewModel();
        assertThat(vm.latestScanProperty().get()).isNull();
        vm.openLatestScan();
        assertThat(navigated).containsExactly(ViewId.VULNERABILITIES);

        history.setAll(store.list());

        ScanHistory.Entry latest = vm.latestScanProperty().get();
        assertThat(latest).isEqualTo(second).isNotEqualTo(first);
        assertThat(latest.findings()).isPositive();
        assertThat(vm.scanSeveritiesProperty().get()).isEqualTo(latest.bySeverity())
                .containsKey(Severity.HIGH);
        assertThat(vm.scanHeadlineProperty().get()).startsWith("2026-11-25 09:00 · 3 packages · ")
                .endsWith(latest.findings() + " findings");
        assertThat(vm.scanRootsProperty().get()).isEqualTo(tmp.resolve("b").resolve("project").toString());
        vm.openLatestScan();
        assertThat(navigated).last().isEqualTo(second);
    }

    @Test
    void containersCardFollowsEnginesAndTotals() {
        OverviewViewModel vm = viewModel();
        assertThat(vm.engineHeadlineProperty().get()).isEqualTo("Waiting for the container monitor's first update…");
        assertThat(vm.totalsProperty().get()).isNull();

        engines.setAll(new EngineStatus("local", ConnectionState.connecting(null, NOW)));
        assertThat(vm.totalsProperty().get()).as("no engine connected yet: nothing counted").isNull();
        assertThat(vm.engineHeadlineProperty().get()).isEqualTo("Connecting to the container engine…");

        Totals t = new Totals(5, 3, 0, 2, 0, 1, 1, 12.34, 300L * 1024 * 1024);
        memCapacity.set(8L * 1024 * 1024 * 1024);
        engines.setAll(new EngineStatus("local", ConnectionState.connected(NOW)),
                new EngineStatus("lab", ConnectionState.reconnecting("connection refused", NOW, NOW.plusSeconds(4))));
        totals.set(t);

        assertThat(vm.engineHeadlineProperty().get()).isEqualTo("1 of 2 engines connected");
        assertThat(vm.enginesDownProperty().get()).isFalse();
        assertThat(vm.engineLines()).extracting(OverviewViewModel.EngineLine::text)
                .containsExactly("local — connected", "lab — reconnecting in 4 s: connection refused");
        assertThat(vm.totalsProperty().get()).isEqualTo(t);
        assertThat(vm.cpuProperty().get()).isEqualTo("12.3 %");
        assertThat(vm.memoryProperty().get()).isEqualTo("300 MiB of 8.0 GiB");

        engines.setAll(new EngineStatus("local", ConnectionState.connecting("socket missing", NOW)));
        assertThat(vm.enginesDownProperty().get()).as("a retry under way is still down").isTrue();
        assertThat(vm.engineHeadlineProperty().get()).isEqualTo("The container engine is not reachable");

        engines.setAll(new EngineStatus("local", ConnectionState.unreachable("socket missing", NOW)));
        assertThat(vm.enginesDownProperty().get()).isTrue();
        assertThat(vm.engineHeadlineProperty().get()).isEqualTo("The container engine is not reachable");
        assertThat(vm.engineLines()).extracting(OverviewViewModel.EngineLine::text)
                .containsExactly("local — unreachable: socket missing");
    }

    @Test
    void keepsTheTenNewestAlertsNewestFirst() {
        OverviewViewModel vm = viewModel();
        assertThat(vm.recentAlerts()).isEmpty();
        List<Alert> newestFirst = new ArrayList<>();
        for (int i = 12; i >= 1; i--) {
            newestFirst.add(new Alert(NOW.plusSeconds(i), Alert.Kind.DIED, "local", "id" + i, "c" + i,
                    "c" + i + " exited with code " + i));
        }
        alerts.setAll(newestFirst);
        assertThat(vm.recentAlerts()).hasSize(OverviewViewModel.RECENT_ALERTS);
        assertThat(vm.recentAlerts().getFirst()).isEqualTo("09:00:12  local  c12 exited with code 12");
        assertThat(vm.recentAlerts().getLast()).isEqualTo("09:00:03  local  c3 exited with code 3");

        alerts.addFirst(new Alert(NOW.plusSeconds(20), Alert.Kind.UNHEALTHY, "lab", "x", "web", "web is unhealthy"));
        assertThat(vm.recentAlerts().getFirst()).isEqualTo("09:00:20  lab  web is unhealthy");
        assertThat(vm.recentAlerts()).hasSize(OverviewViewModel.RECENT_ALERTS);
    }

    @Test
    void labCardShowsTheLastFinishedRunAndKeepsItWhileANewOneRuns() {
        OverviewViewModel vm = viewModel();
        assertThat(vm.labHeadlineProperty().get()).isEmpty();
        assertThat(vm.labLines()).isEmpty();

        lab.set(new SimulationResult("burst", 1, SimulationMode.VIRTUAL, "memory", 60, 24_000, 1_000_000,
                List.of(limiter("api", "token-bucket", 12_000, 9_000), limiter("win", "fixed-window", 12_000, 6_000)),
                List.of()));

        assertThat(vm.labHeadlineProperty().get())
                .isEqualTo("'burst' — 2 strategies compared over 60 s (virtual time, memory)");
        assertThat(vm.labLines()).containsExactly("api (token-bucket): 75.0 % accepted of 12,000",
                "win (fixed-window): 50.0 % accepted of 12,000");
        lab.set(null);
        assertThat(vm.labHeadlineProperty().get()).startsWith("'burst'");
        vm.open(ViewId.RATE_LIMITER);
        assertThat(navigated).containsExactly(ViewId.RATE_LIMITER);
    }

    @Test
    void advisoryStateIsTheDatabaseViewModelsOwn() {
        OverviewViewModel vm = viewModel();
        summary.set("8,158 records, 3 ecosystems, stale (45 days)");
        stale.set("Advisory data is older than 7 days: PyPI (45 days).");
        assertThat(vm.advisorySummary().getValue()).contains("stale (45 days)");
        assertThat(vm.advisoryStale().getValue()).startsWith("Advisory data is older than 7 days");
    }

    private static LimiterResult limiter(String name, String strategy, long offered, long allowed) {
        return new LimiterResult(name, strategy, "100/s", 100, Duration.ofSeconds(1).toNanos(), offered, allowed,
                offered - allowed, 100, 1.0, 1, 2, 10, "", List.of(), List.of(new ClientResult("c", offered, allowed)));
    }

    @Test
    void gatewayCardShowsTheFiveNewestThreatAlertsAndFollowsNewOnes() {
        OverviewViewModel vm = viewModel();
        assertThat(vm.recentThreats()).isEmpty();
        assertThat(vm.gatewayConfigured().getValue()).isFalse();
        for (int i = 0; i < 7; i++) {
            threats.addFirst(new ThreatAlert(NOW.plusSeconds(i), "high", "t" + i, "alert " + i));
        }
        assertThat(vm.recentThreats()).extracting(ThreatAlert::summary)
                .containsExactly("alert 6", "alert 5", "alert 4", "alert 3", "alert 2");
        gatewayConfigured.set(true);
        gatewayStatus.set("connected · rtt 3 ms · live");
        assertThat(vm.gatewayStatus().getValue()).isEqualTo("connected · rtt 3 ms · live");
    }

    @Test
    void nothingIsInventedWhileNoEngineIsReachable() {
        OverviewViewModel vm = viewModel();
        memCapacity.set(8L * 1024 * 1024 * 1024);
        cpuCapacity.set(200);
        clusterHistory.add(new HistoryPoint(NOW, 0, 0, 0, 0));
        engines.setAll(new EngineStatus("local", ConnectionState.reconnecting("No such file or directory", NOW,
                NOW.plusSeconds(2))));
        assertThat(vm.enginesDownProperty().get()).isTrue();
        assertThat(vm.totalsProperty().get()).isNull();
        assertThat(vm.cpuPercentProperty().get()).isNull();
        assertThat(vm.memPercentProperty().get()).isNull();
        assertThat(vm.latestSampleProperty().get()).isNotNull();
        assertThat(vm.engineProblemProperty().get()).isEqualTo(
                "local at unix:///run/missing/docker.sock — reconnecting in 2 s: No such file or directory");

        engines.setAll(new EngineStatus("local", ConnectionState.connected(NOW)));
        totals.set(new Totals(20, 20, 0, 0, 0, 0, 0, 50.0, 1024L * 1024 * 1024));
        assertThat(vm.engineProblemProperty().get()).isEmpty();
        assertThat(vm.cpuPercentProperty().get()).isEqualTo(50.0);
        assertThat(vm.cpuMaxProperty().get()).as("two CPUs").isEqualTo(200.0);
        assertThat(vm.memPercentProperty().get()).isEqualTo(12.5);

        memCapacity.set(0L);
        assertThat(vm.memPercentProperty().get()).as("capacity unknown: no percentage").isNull();
        assertThat(vm.memoryProperty().get()).isEqualTo("1.0 GiB");
    }

    @Test
    void advisoryAgeIsTheStalestEcosystemsAndNoneWithoutData() {
        OverviewViewModel vm = viewModel();
        assertThat(vm.advisoryAgeDaysProperty().get()).isNull();
        assertThat(OverviewText.age(vm.advisoryAgeDaysProperty().get())).isEqualTo("no data yet");
        ecosystems.setAll(new EcosystemStatus("PyPI", 10, List.of(), NOW.minus(Duration.ofDays(2)), 2, false, 0, 0),
                new EcosystemStatus("Go", 10, List.of(), NOW.minus(Duration.ofDays(9)), 9, true, 0, 0));
        assertThat(vm.advisoryAgeDaysProperty().get()).isEqualTo(9L);
        assertThat(OverviewText.age(9L)).isEqualTo("9 days old");
        assertThat(OverviewText.age(0L)).isEqualTo("imported today");
    }

    @Test
    void labAcceptRatiosPerLimiter() {
        OverviewViewModel vm = viewModel();
        assertThat(vm.labAccepts()).isEmpty();
        lab.set(new SimulationResult("burst", 1, SimulationMode.VIRTUAL, "memory", 60, 24_000, 1_000_000,
                List.of(limiter("api", "token-bucket", 12_000, 9_000), limiter("idle", "sliding-log", 0, 0)),
                List.of()));
        assertThat(vm.labAccepts()).as("a limiter offered nothing has no ratio")
                .containsExactly(new OverviewViewModel.LimiterAccept("api", "token-bucket", 75.0, 12_000));
    }

    @Test
    void gatewayRttOnlyWhenMeasured() {
        OverviewViewModel vm = viewModel();
        assertThat(vm.gatewayRttProperty().get()).isEmpty();
        rtt.set(3L);
        assertThat(vm.gatewayRttProperty().get()).isEqualTo("rtt 3 ms");
        rtt.set(-1L);
        assertThat(vm.gatewayRttProperty().get()).isEmpty();
    }

    @Test
    void containerFindingsSayNotScannedUntilTheSourcePublishesThenArriveBatched() {
        OverviewViewModel vm = viewModel();
        assertThat(vm.findings().findingsProperty().get().scanned()).isFalse();
        assertThat(vm.findings().textProperty().get()).startsWith("Not scanned yet");

        findings.push(new ContainerFindingsSource.Findings(true, NOW, 20, List.of("web")));
        findings.push(new ContainerFindingsSource.Findings(true, NOW, 20, List.of("web", "db"), 24));
        assertThat(vm.findings().textProperty().get()).as("not delivered before the FX turn").startsWith("Not scanned");
        assertThat(fx).as("two updates, one delivery").hasSize(1);
        fx.removeFirst().run();
        assertThat(vm.findings().textProperty().get())
                .isEqualTo("2 running containers carry HIGH or CRITICAL findings: web, db (20 of 24 scanned, 09:00:00)");

        findings.push(new ContainerFindingsSource.Findings(true, NOW, 20, List.of()));
        fx.removeFirst().run();
        assertThat(vm.findings().textProperty().get())
                .isEqualTo("No running container carries HIGH or CRITICAL findings (20 scanned, 09:00:00)");
        vm.close();
        findings.push(new ContainerFindingsSource.Findings(true, NOW, 20, List.of("x")));
        assertThat(fx).as("closed: no more deliveries").isEmpty();
    }

    @Test
    void importingSaysWhatWasPickedAtOnceAndHowBigOnceMeasuredOffTheFxThread() throws Exception {
        OverviewViewModel vm = viewModel();
        Path dump = Files.write(tmp.resolve("all.zip"), new byte[3 * 1024 * 1024]);
        vm.advisory().importDumps(List.of(dump));
        // the caller's (FX) thread did not stat the file: the size arrives through the TaskRunner's delivery
        assertThat(vm.advisory().noteProperty().get()).isEqualTo("Picked all.zip.");
        assertThat(imported).as("the import starts at once").containsExactly(List.of(dump));
        nextFxTask().run();
        assertThat(vm.advisory().noteProperty().get()).isEqualTo("Picked all.zip (3.0 MiB).");
        vm.advisory().importDumps(List.of());
        assertThat(imported).as("a cancelled file dialog imports nothing").hasSize(1);
        assertThat(fxTasks).as("nor measures anything").isEmpty();
    }

    @Test
    void aLaterPickIsNotOverwrittenByAnEarlierMeasurement() throws Exception {
        OverviewViewModel vm = viewModel();
        Path big = Files.write(tmp.resolve("all.zip"), new byte[2 * 1024 * 1024]);
        Path a = Files.write(tmp.resolve("a.json"), new byte[1024]);
        Path b = Files.write(tmp.resolve("b.json"), new byte[1024]);
        vm.advisory().importDumps(List.of(big));
        vm.advisory().importDumps(List.of(a, b));
        assertThat(vm.advisory().noteProperty().get()).isEqualTo("Picked 2 files.");
        nextFxTask().run(); // the two measurements arrive in either order
        nextFxTask().run();
        assertThat(vm.advisory().noteProperty().get()).isEqualTo("Picked 2 files (2.0 KiB).");
        assertThat(reported).as("nothing went to the error reporter").isEmpty();
    }

    private Runnable nextFxTask() throws InterruptedException {
        Runnable r = fxTasks.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a delivery from the TaskRunner").isNotNull();
        return r;
    }
}
