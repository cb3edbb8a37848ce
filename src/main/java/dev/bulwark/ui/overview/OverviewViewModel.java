package dev.bulwark.ui.overview;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.osv.EcosystemStatus;
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
 * the monitor's frame batcher delivers them.
 */
public final class OverviewViewModel {
    /** Alerts shown on the card. */
    static final int RECENT_ALERTS = 10;
    /** Threat alerts shown on the gateway card. */
    static final int RECENT_THREATS = 5;

    /** One engine's state for the containers card. */
    public record EngineLine(String engine, ConnectionState.Kind kind, String text) {
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

    /**
     * @param sources   the other view-models' state (FX thread)
     * @param clock     for reconnect countdowns and the time zone of shown times
     * @param navigator where the buttons lead
     */
    public OverviewViewModel(OverviewSources sources, Clock clock, Navigator navigator) {
        this.src = Objects.requireNonNull(sources);
        this.clock = Objects.requireNonNull(clock);
        this.navigator = Objects.requireNonNull(navigator);
        src.engines().addListener((ListChangeListener<EngineStatus>) c -> refreshEngines());
        src.containerTotals().addListener((o, a, b) -> refreshTotals());
        src.memCapacity().addListener((o, a, b) -> refreshTotals());
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
        refreshTotals(); // the first snapshot may bring engines with totals equal to the initial (empty) ones
    }

    private void refreshTotals() {
        Totals t = src.engines().isEmpty() ? null : src.containerTotals().getValue();
        totals.set(t);
        Long cap = src.memCapacity().getValue();
        cpu.set(t == null ? "" : OverviewText.cpu(t));
        memory.set(t == null ? "" : OverviewText.memory(t, cap == null ? 0 : cap));
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

    /** Container counts, or null before the monitor's first update. */
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
