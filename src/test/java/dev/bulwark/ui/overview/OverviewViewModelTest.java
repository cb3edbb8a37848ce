package dev.bulwark.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.ratelimit.sim.ClientResult;
import dev.bulwark.ratelimit.sim.LimiterResult;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.scan.AdvisoryDatabase;
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
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
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

    private OverviewViewModel viewModel() {
        return new OverviewViewModel(new OverviewSources(engines, totals, memCapacity, alerts, ecosystems, summary,
                stale, empty, history, lab, gatewayConfigured, gatewayStatus, gatewayKind, threats), CLOCK, new OverviewViewModel.Navigator() {
                    @Override
                    public void select(ViewId view) {
                        navigated.add(view);
                    }

                    @Override
                    public void openScan(ScanHistory.Entry entry) {
                        navigated.add(entry);
                    }
                });
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
        assertThat(vm.totalsProperty().get()).as("first snapshot, no container yet").isEqualTo(Totals.of(List.of()));
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
}
