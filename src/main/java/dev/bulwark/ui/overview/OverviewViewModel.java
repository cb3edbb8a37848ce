package dev.bulwark.ui.overview;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.history.HistoryPoint;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.ContainerFindingsSource;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.osv.EcosystemStatus;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.UpdateBatcher;
import dev.bulwark.ui.ViewId;
import dev.bulwark.ui.gateway.GatewayStatusModel;
import dev.bulwark.ui.gateway.ThreatAlert;
import dev.bulwark.util.reconnect.ConnectionState;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Overview dashboard's state: a read-only digest of what the other views' view-models already hold
 * (container monitor, advisory database, scan history, rate-limiter lab), plus navigation to those views.
 * It listens to their properties on the FX thread, so container updates arrive at most once per frame, as
 * the monitor's frame batcher delivers them. The one stream of its own, the running containers' image findings,
 * comes through an {@link UpdateBatcher} like every other background stream. Nothing here invents a number:
 * a value without data is null (the view shows "no data yet"), never 0.
 */
public final class OverviewViewModel implements AutoCloseable {
    /** Alerts shown on the card. */
    static final int RECENT_ALERTS = 10;
    /** Threat alerts shown on the gateway card. */
    static final int RECENT_THREATS = 5;

    /** One engine's state for the containers card. */
    public record EngineLine(String engine, ConnectionState.Kind kind, String text) {
    }

    /** One limiter of the lab's last run: its share of offered requests accepted, 0..100. */
    public record LimiterAccept(String limiter, String strategy, double percent, long offered) {
    }

    /** Where the Overview's buttons lead. */
    public interface Navigator {
        /** Shows a view. */
        void select(ViewId view);

        /** Opens a remembered scan in the Vulnerabilities view (and shows that view). */
        void openScan(ScanHistory.Entry entry);
    }

    private final OverviewSources src;
    private final Clock clock;
    private final Navigator navigator;

    private final ReadOnlyStringWrapper engineHeadline = new ReadOnlyStringWrapper(this, "engineHeadline");
    private final ReadOnlyBooleanWrapper enginesDown = new ReadOnlyBooleanWrapper(this, "enginesDown");
    private final ObservableList<EngineLine> engineLines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Totals> totals = new ReadOnlyObjectWrapper<>(this, "totals");
    private final ReadOnlyStringWrapper cpu = new ReadOnlyStringWrapper(this, "cpu", "");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(this, "memory", "");
    private final ObservableList<String> recentAlerts = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ScanHistory.Entry> latestScan = new ReadOnlyObjectWrapper<>(this, "latestScan");
    private final ReadOnlyStringWrapper scanHeadline = new ReadOnlyStringWrapper(this, "scanHeadline", "");
    private final ReadOnlyStringWrapper scanRoots = new ReadOnlyStringWrapper(this, "scanRoots", "");
    private final ReadOnlyObjectWrapper<Map<Severity, Integer>> scanSeverities =
            new ReadOnlyObjectWrapper<>(this, "scanSeverities", Map.of());
    private final ReadOnlyStringWrapper labHeadline = new ReadOnlyStringWrapper(this, "labHeadline", "");
    private final ObservableList<String> labLines = FXCollections.observableArrayList();
    private final ObservableList<ThreatAlert> recentThreats = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Double> cpuPercent = new ReadOnlyObjectWrapper<>(this, "cpuPercent");
    private final ReadOnlyObjectWrapper<Double> cpuMax = new ReadOnlyObjectWrapper<>(this, "cpuMax", 100.0);
    private final ReadOnlyObjectWrapper<Double> memPercent = new ReadOnlyObjectWrapper<>(this, "memPercent");
    private final ReadOnlyObjectWrapper<HistoryPoint> latestSample = new ReadOnlyObjectWrapper<>(this, "latestSample");
    private final ObservableList<String> unhealthy = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper engineProblem = new ReadOnlyStringWrapper(this, "engineProblem", "");
    private final ReadOnlyObjectWrapper<Long> advisoryAgeDays = new ReadOnlyObjectWrapper<>(this, "advisoryAgeDays");
    private final ObservableList<LimiterAccept> labAccepts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper gatewayRtt = new ReadOnlyStringWrapper(this, "gatewayRtt", "");
    private final FirstRunImport advisory;
    private final ContainerFindingsModel findings;

    /**
     * @param sources   the other view-models' state (FX thread)
     * @param clock     for reconnect countdowns and the time zone of shown times
     * @param navigator where the buttons lead
     * @param findings which running containers' images carry HIGH or CRITICAL findings (issue 13's image scan)
     * @param batchers how the findings' updates reach the FX thread
     * @param advisory the database actions the first-run card offers
     * @param tasks    background work (the first-run card measures the picked files off the FX thread)
     */
    public OverviewViewModel(OverviewSources sources, Clock clock, Navigator navigator,
                             ContainerFindingsSource findings, UpdateBatcher.Factory batchers, AdvisoryActions advisory,
                             TaskRunner tasks) {
        this.src = Objects.requireNonNull(sources);
        this.clock = Objects.requireNonNull(clock);
        this.navigator = Objects.requireNonNull(navigator);
        this.advisory = new FirstRunImport(advisory, tasks);
        src.engines().addListener((ListChangeListener<EngineStatus>) c -> refreshEngines());
        src.containerTotals().addListener((o, a, b) -> refreshTotals());
        src.memCapacity().addListener((o, a, b) -> refreshTotals());
        src.cpuCapacity().addListener((o, a, b) -> refreshTotals());
        src.clusterHistory().addListener((ListChangeListener<HistoryPoint>) c -> refreshSample());
        src.advisoryEcosystems().addListener((ListChangeListener<EcosystemStatus>) c -> refreshAdvisoryAge());
        src.gatewayRttMillis().addListener((o, a, b) -> refreshRtt());
        src.gatewayKind().addListener((o, a, b) -> refreshRtt());
        src.containerAlerts().addListener((ListChangeListener<Alert>) c -> refreshAlerts());
        src.scanHistory().addListener((ListChangeListener<ScanHistory.Entry>) c -> refreshScan());
        src.lastLabRun().addListener((o, a, b) -> refreshLab());
        src.threatAlerts().addListener((ListChangeListener<ThreatAlert>) c -> refreshThreats());
        refreshEngines();
        refreshTotals();
        refreshAlerts();
        refreshScan();
        refreshLab();
        refreshThreats();
        refreshSample();
        refreshAdvisoryAge();
        refreshRtt();
        this.findings = new ContainerFindingsModel(findings, batchers, clock.getZone());
    }

    private void refreshSample() {
        List<HistoryPoint> h = src.clusterHistory();
        latestSample.set(h.isEmpty() || src.engines().isEmpty() ? null : h.getLast());
    }

    private void refreshAdvisoryAge() {
        // The oldest present ecosystem's age: the database is as fresh as its stalest part.
        advisoryAgeDays.set(src.advisoryEcosystems().stream().filter(EcosystemStatus::present)
                .mapToLong(EcosystemStatus::ageDays).filter(d -> d >= 0).boxed().max(Long::compare).orElse(null));
    }

    private void refreshRtt() {
        Number rtt = src.gatewayRttMillis().getValue();
        gatewayRtt.set(rtt == null || rtt.longValue() < 0 ? "" : "rtt " + rtt.longValue() + " ms");
    }

    private void refreshThreats() {
        List<ThreatAlert> latest = src.threatAlerts().stream().limit(RECENT_THREATS).toList();
        if (!latest.equals(recentThreats)) {
            recentThreats.setAll(latest);
        }
    }

    private void refreshEngines() {
        List<EngineStatus> engines = List.copyOf(src.engines());
        engineHeadline.set(OverviewText.engineHeadline(engines));
        enginesDown.set(!engines.isEmpty() && engines.stream().noneMatch(
                e -> e.kind() == ConnectionState.Kind.CONNECTED || e.state().firstAttempt()));
        List<EngineLine> lines = engines.stream()
                .map(e -> new EngineLine(e.engine(), e.kind(), OverviewText.engineLine(e, clock.instant()))).toList();
        if (!lines.equals(engineLines)) {
            engineLines.setAll(lines);
        }
        engineProblem.set(enginesDown.get() ? engines.stream().map(e -> OverviewText.engineProblem(e,
                src.engineEndpoint().apply(e.engine()), clock.instant())).reduce((a, b) -> a + "\n" + b).orElse("") : "");
        refreshTotals(); // the first snapshot may bring engines with totals equal to the initial (empty) ones
        refreshSample();
    }

    private void refreshTotals() {
        // Counts only from a connected engine: zeros from an engine never reached would look measured.
        boolean connected = src.engines().stream().anyMatch(e -> e.kind() == ConnectionState.Kind.CONNECTED);
        Totals t = connected ? src.containerTotals().getValue() : null;
        totals.set(t);
        Long cap = src.memCapacity().getValue();
        cpu.set(t == null ? "" : OverviewText.cpu(t));
        memory.set(t == null ? "" : OverviewText.memory(t, cap == null ? 0 : cap));
        // No connected engine: no measurement, whatever the last totals said.
        boolean measured = t != null;
        Number cpuCap = src.cpuCapacity().getValue();
        double capacity = cpuCap == null ? 0 : cpuCap.doubleValue();
        cpuMax.set(Math.max(capacity > 0 ? capacity : 100, t == null ? 0 : Math.ceil(t.cpuPercent() / 100.0) * 100));
        cpuPercent.set(measured ? t.cpuPercent() : null);
        memPercent.set(measured && cap != null && cap > 0 ? 100.0 * t.memUsageBytes() / cap : null);
        List<String> sick = t == null || t.unhealthy() == 0 ? List.of() : src.containers().get().stream()
                .filter(v -> !v.stale() && v.details().health() == Health.UNHEALTHY)
                .map(v -> v.details().name() + " (" + v.engine() + ")").sorted().toList();
        if (!sick.equals(unhealthy)) {
            unhealthy.setAll(sick);
        }
    }

    private void refreshAlerts() {
        List<String> lines = src.containerAlerts().stream().limit(RECENT_ALERTS)
                .map(a -> OverviewText.alert(a, clock.getZone())).toList();
        if (!lines.equals(recentAlerts)) {
            recentAlerts.setAll(lines);
        }
    }

    private void refreshScan() {
        ScanHistory.Entry e = src.scanHistory().isEmpty() ? null : src.scanHistory().getFirst();
        scanHeadline.set(e == null ? "" : OverviewText.scanHeadline(e, clock.getZone()));
        scanRoots.set(e == null ? "" : OverviewText.scanRoots(e));
        scanSeverities.set(e == null ? Map.of() : e.bySeverity());
        latestScan.set(e); // last: its listeners read the texts above
    }

    private void refreshLab() {
        SimulationResult r = src.lastLabRun().getValue();
        if (r == null && !labHeadline.get().isEmpty()) {
            return; // a new run started: keep showing the last finished one
        }
        labHeadline.set(r == null ? "" : OverviewText.runHeadline(r));
        labLines.setAll(r == null ? List.of() : r.limiters().stream().map(OverviewText::limiterLine).toList());
        labAccepts.setAll(r == null ? List.of() : r.limiters().stream().filter(l -> l.offered() > 0)
                .map(l -> new LimiterAccept(l.limiter(), l.strategy(), 100.0 * l.allowed() / l.offered(), l.offered()))
                .toList());
    }

    /** The first-run card's database actions: import the picked dumps (with their size) or download. */
    public FirstRunImport advisory() {
        return advisory;
    }

    /** Cluster CPU in % (100 = one core), null while no engine is connected (no measurement). */
    public ReadOnlyObjectProperty<Double> cpuPercentProperty() {
        return cpuPercent.getReadOnlyProperty();
    }

    /** The CPU gauge's full scale: the engines' CPUs (100 each) when known, else the next hundred. */
    public ReadOnlyObjectProperty<Double> cpuMaxProperty() {
        return cpuMax.getReadOnlyProperty();
    }

    /** Cluster memory in % of the engines' memory, null when not measured or the capacity is unknown. */
    public ReadOnlyObjectProperty<Double> memPercentProperty() {
        return memPercent.getReadOnlyProperty();
    }

    /** The newest cluster sample (feeds the sparklines), null before the first one. */
    public ReadOnlyObjectProperty<HistoryPoint> latestSampleProperty() {
        return latestSample.getReadOnlyProperty();
    }

    /** The engines' memory in bytes, 0 or null when unknown. */
    public Long memCapacity() {
        return src.memCapacity().getValue();
    }

    /** The recent cluster samples, oldest first: the sparklines start from them. */
    public List<HistoryPoint> clusterHistory() {
        return List.copyOf(src.clusterHistory());
    }

    /** Unhealthy containers, {@code name (engine)}, sorted. */
    public ObservableList<String> unhealthyContainers() {
        return unhealthy;
    }

    /** Each unreachable engine with its reason (the engine's own error), one per line; empty when any is up. */
    public ReadOnlyStringProperty engineProblemProperty() {
        return engineProblem.getReadOnlyProperty();
    }

    /** Age in days of the stalest imported ecosystem, null when nothing is imported. */
    public ReadOnlyObjectProperty<Long> advisoryAgeDaysProperty() {
        return advisoryAgeDays.getReadOnlyProperty();
    }

    /** The lab's last run: each limiter's accept ratio. */
    public ObservableList<LimiterAccept> labAccepts() {
        return labAccepts;
    }

    /** {@code rtt 3 ms} while connected over WebSocket and measured, else empty. */
    public ReadOnlyStringProperty gatewayRttProperty() {
        return gatewayRtt.getReadOnlyProperty();
    }

    /** Running containers' image findings (issue 13). */
    public ContainerFindingsModel findings() {
        return findings;
    }

    /** Stops following the findings source. */
    @Override
    public void close() {
        findings.close();
    }

    /** Shows a view. */
    public void open(ViewId view) {
        navigator.select(view);
    }

    /** Opens the latest scan in the Vulnerabilities view; without one, just shows that view. */
    public void openLatestScan() {
        ScanHistory.Entry e = latestScan.get();
        if (e == null) {
            navigator.select(ViewId.VULNERABILITIES);
        } else {
            navigator.openScan(e);
        }
    }

    /** {@code 2 engines connected}, or why nothing is connected. */
    public ReadOnlyStringProperty engineHeadlineProperty() {
        return engineHeadline.getReadOnlyProperty();
    }

    /** True when engines are known and none is connected or connecting. */
    public ReadOnlyBooleanProperty enginesDownProperty() {
        return enginesDown.getReadOnlyProperty();
    }

    public ObservableList<EngineLine> engineLines() {
        return engineLines;
    }

    /** Container counts, or null while no engine is connected (nothing measured). */
    public ReadOnlyObjectProperty<Totals> totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cpuProperty() {
        return cpu.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    /** The last {@value #RECENT_ALERTS} alerts, newest first, one line each. */
    public ObservableList<String> recentAlerts() {
        return recentAlerts;
    }

    /** The advisory database's state line (the Vulnerabilities view's own words). */
    public ObservableValue<String> advisorySummary() {
        return src.advisorySummary();
    }

    /** Non-null when advisory data is older than the configured number of days. */
    public ObservableValue<String> advisoryStale() {
        return src.advisoryStale();
    }

    public ObservableValue<Boolean> advisoryEmpty() {
        return src.advisoryEmpty();
    }

    public ObservableList<EcosystemStatus> advisoryEcosystems() {
        return src.advisoryEcosystems();
    }

    /** The newest remembered scan, or null when none was ever run. */
    public ReadOnlyObjectProperty<ScanHistory.Entry> latestScanProperty() {
        return latestScan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty scanHeadlineProperty() {
        return scanHeadline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty scanRootsProperty() {
        return scanRoots.getReadOnlyProperty();
    }

    /** Active findings of the latest scan per severity (empty when it found none). */
    public ReadOnlyObjectProperty<Map<Severity, Integer>> scanSeveritiesProperty() {
        return scanSeverities.getReadOnlyProperty();
    }

    /** The lab's last run in one line, empty when none ran this session. */
    public ReadOnlyStringProperty labHeadlineProperty() {
        return labHeadline.getReadOnlyProperty();
    }

    /** True when a gateway URL is saved (else the card offers to configure it). */
    public ObservableValue<Boolean> gatewayConfigured() {
        return src.gatewayConfigured();
    }

    /** The gateway connection's line, as the Gateway view shows it. */
    public ObservableValue<String> gatewayStatus() {
        return src.gatewayStatus();
    }

    /** The gateway connection's state, for its colour. */
    public ObservableValue<GatewayStatusModel.StatusKind> gatewayKind() {
        return src.gatewayKind();
    }

    /** The latest {@value #RECENT_THREATS} threat alerts from the gateway, newest first. */
    public ObservableList<ThreatAlert> recentThreats() {
        return recentThreats;
    }

    /** One line per limiter of the last run: accept ratio and offered load. */
    public ObservableList<String> labLines() {
        return labLines;
    }
}
