package dev.bulwark.ui.containers;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.engine.ContainerAction;
import dev.bulwark.docker.history.HistoryPoint;
import dev.bulwark.docker.model.ClusterTotals;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.docker.monitor.MonitorUpdate;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.util.reconnect.ConnectionState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Containers view, fed with the monitor's updates on the FX thread (one call per frame with
 * that frame's batch). Each container keeps one {@link ContainerRow} whose data property changes, so a
 * per-second update re-renders only the visible cells of changed rows; the row list itself changes only when
 * containers come, go or change order.
 */
public final class ContainersViewModel {
    /** Points drawn per chart or sparkline: 15 minutes of 1 s samples averaged into buckets. */
    static final int CHART_POINTS = 180;
    static final int SPARK_POINTS = 60;
    private static final int MAX_ALERTS = 500;

    private final ContainerMonitor monitor;
    private final TaskRunner tasks;
    private final Clock clock;
    private final List<ContainerRow> all = new ArrayList<>();
    private final Map<String, ContainerRow> byKey = new HashMap<>();
    private final ObservableList<ContainerRow> visible = FXCollections.observableArrayList();
    private final ObjectProperty<Comparator<ContainerRow>> order = new SimpleObjectProperty<>(this, "order");
    private Predicate<ContainerView> predicate = ContainerQuery.matching("");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<Predicate<ContainerRow>> columnFilter = new SimpleObjectProperty<>(this, "columnFilter");
    private final ObjectProperty<ContainerQuery.GroupBy> groupBy =
            new SimpleObjectProperty<>(this, "groupBy", ContainerQuery.GroupBy.ENGINE);
    private final ObservableList<GroupTotals> groups = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Totals> totals = new ReadOnlyObjectWrapper<>(this, "totals", Totals.of(List.of()));
    private final ReadOnlyDoubleWrapper cpuCapacity = new ReadOnlyDoubleWrapper(this, "cpuCapacity", 0);
    private final ReadOnlyObjectWrapper<Long> memCapacity = new ReadOnlyObjectWrapper<>(this, "memCapacity", 0L);
    private final ObservableList<EngineStatus> engines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Docker: connecting…");
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final List<Consumer<Alert>> alertListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<ContainerView>>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final ObjectProperty<ContainerView> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<HistoryPoint> clusterHistory = FXCollections.observableArrayList();
    private final ObservableList<HistoryPoint> selectedHistory = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper actionMessage = new ReadOnlyStringWrapper(this, "actionMessage", "");
    private final ReadOnlyStringWrapper actionError = new ReadOnlyStringWrapper(this, "actionError", "");
    private final InspectViewModel inspect;
    private ClusterTotals cluster = ClusterTotals.of(List.of());
    private boolean received;

    /** Totals of one group (engine or Compose project). */
    public record GroupTotals(String key, Totals totals) {
    }

    public ContainersViewModel(ContainerMonitor monitor, TaskRunner tasks, Clock clock) {
        this.monitor = Objects.requireNonNull(monitor);
        this.tasks = Objects.requireNonNull(tasks);
        this.clock = Objects.requireNonNull(clock);
        this.inspect = new InspectViewModel(monitor, tasks);
        filter.addListener((o, a, b) -> {
            predicate = ContainerQuery.matching(b);
            refreshVisible();
        });
        // An invalidation listener, not a change listener: the table's column predicates compare equal to one
        // another (ControlsFX's equals looks at the columns only), so a second column filter is no "change".
        columnFilter.addListener(o -> refreshVisible());
        order.addListener((o, a, b) -> refreshVisible());
        groupBy.addListener((o, a, b) -> regroup());
        selected.addListener((o, a, b) -> {
            refreshSelectedHistory();
            inspect.select(b);
        });
    }

    /** Applies one frame's updates (FX thread): the newest snapshot wins, every alert is kept. */
    public void apply(List<MonitorUpdate> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (MonitorUpdate u : batch) {
            u.newAlerts().forEach(this::addAlert);
        }
        apply(batch.getLast().snapshot());
    }

    private void apply(Snapshot s) {
        received = true;
        mergeRows(s.containers());
        // Listeners rebuild the engine chips: only when a state changed, or while a countdown is shown.
        if (!engines.equals(s.engines())
                || s.engines().stream().anyMatch(e -> e.kind() == ConnectionState.Kind.RECONNECTING)) {
            engines.setAll(s.engines());
        }
        cluster = s.totals();
        totals.set(s.totals().all());
        memCapacity.set(MachineCapacity.memory(s.engines(), s.containers()));
        cpuCapacity.set(MachineCapacity.cpu(s.engines()));
        status.set(StatusSummary.describe(s.engines(), s.totals().all(), clock.instant()));
        regroup();
        ContainerView sel = selected.get();
        if (sel != null) {
            ContainerRow row = byKey.get(sel.key());
            ContainerView now = row == null ? null : row.view();
            if (now == null || !now.equals(sel)) {
                selected.set(now);
            } else {
                refreshSelectedHistory();
            }
        }
        clusterHistory.setAll(downsample(monitor.history().cluster(), CHART_POINTS));
        snapshotListeners.forEach(l -> l.accept(s.containers()));
    }

    /** Updates each container's row in place, adds and drops rows, then refreshes the visible list. */
    private void mergeRows(List<ContainerView> next) {
        all.clear();
        Map<String, ContainerRow> seen = new HashMap<>();
        for (ContainerView v : next) {
            ContainerRow row = byKey.get(v.key());
            if (row == null) {
                row = new ContainerRow(v);
            } else {
                row.update(v);
            }
            seen.put(v.key(), row);
            all.add(row);
        }
        byKey.clear();
        byKey.putAll(seen);
        refreshVisible();
    }

    /** Filters and orders the rows; the observable list changes only when membership or order does. */
    private void refreshVisible() {
        List<ContainerRow> rows = new ArrayList<>(all.size());
        Predicate<ContainerRow> columns = columnFilter.get();
        for (ContainerRow r : all) {
            if (predicate.test(r.view()) && (columns == null || columns.test(r))) {
                rows.add(r);
            }
        }
        Comparator<ContainerRow> c = order.get();
        if (c != null) {
            rows.sort(c);
        }
        if (!sameSequence(rows, visible)) {
            visible.setAll(rows);
        }
    }

    private static boolean sameSequence(List<ContainerRow> a, List<ContainerRow> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private void addAlert(Alert a) {
        alerts.addFirst(a);
        if (alerts.size() > MAX_ALERTS) {
            alerts.remove(MAX_ALERTS, alerts.size());
        }
        alertListeners.forEach(l -> l.accept(a));
    }

    private void regroup() {
        Map<String, Totals> map = groupBy.get() == ContainerQuery.GroupBy.ENGINE ? cluster.byEngine() : cluster.byProject();
        List<GroupTotals> rows = new ArrayList<>(map.size());
        map.forEach((k, t) -> rows.add(new GroupTotals(k, t)));
        if (!rows.equals(groups)) {
            groups.setAll(rows);
        }
    }

    private void refreshSelectedHistory() {
        ContainerView v = selected.get();
        selectedHistory.setAll(v == null ? List.of() : downsample(monitor.history().container(v.key()), CHART_POINTS));
    }

    /** The last 15 minutes of CPU % of one container, averaged into at most {@link #SPARK_POINTS} values. */
    public double[] cpuSparkline(ContainerView v) {
        List<HistoryPoint> points = downsample(monitor.history().container(v.key()), SPARK_POINTS);
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = points.get(i).cpuPercent();
        }
        return out;
    }

    /** Averages consecutive points into at most {@code max} buckets; the newest bucket stays newest. */
    static List<HistoryPoint> downsample(List<HistoryPoint> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        List<HistoryPoint> out = new ArrayList<>(max);
        double per = (double) points.size() / max;
        for (int b = 0; b < max; b++) {
            int from = (int) Math.floor(b * per);
            int to = (int) Math.min(points.size(), Math.floor((b + 1) * per));
            double cpu = 0, rx = 0, tx = 0;
            long mem = 0;
            for (int i = from; i < to; i++) {
                HistoryPoint p = points.get(i);
                cpu += p.cpuPercent();
                mem += p.memUsageBytes();
                rx += p.netRxRate();
                tx += p.netTxRate();
            }
            int n = Math.max(1, to - from);
            out.add(new HistoryPoint(points.get(to - 1).at(), cpu / n, mem / n, rx / n, tx / n));
        }
        return out;
    }

    /**
     * Runs a lifecycle action in the background; the outcome lands in {@link #actionMessageProperty()} or
     * {@link #actionErrorProperty()}. The view confirms stop and remove first.
     */
    public void perform(ContainerView v, ContainerAction action) {
        String what = action.name().toLowerCase(java.util.Locale.ROOT) + " " + v.details().name();
        actionError.set("");
        actionMessage.set(what + "…");
        tasks.run("docker " + what, () -> {
            monitor.perform(v.engine(), v.details().id(), action);
            return null;
        }, ok -> actionMessage.set(what + ": done"), err -> {
            actionMessage.set("");
            actionError.set("Could not " + what + ": " + (err.getMessage() == null ? err.toString() : err.getMessage()));
        });
    }

    /** Called on the FX thread with every snapshot's containers (the image findings follow the running ones). */
    public void onSnapshot(Consumer<List<ContainerView>> listener) {
        snapshotListeners.add(Objects.requireNonNull(listener));
    }

    /** Called on the FX thread for every new alert (desktop notifications). */
    public void onAlert(Consumer<Alert> listener) {
        alertListeners.add(listener);
    }

    /** Whether any update arrived yet (before that the view says it is connecting). */
    public boolean received() {
        return received;
    }

    /** Rows passing the filter, in the table's sort order (snapshot order when unsorted). */
    public ObservableList<ContainerRow> visibleRows() {
        return visible;
    }

    /** Every container of the last snapshot, filtered or not. */
    public List<ContainerView> allContainers() {
        return all.stream().map(ContainerRow::view).toList();
    }

    /** The table's sort order; null keeps the snapshot order (engine, then name). */
    public ObjectProperty<Comparator<ContainerRow>> orderProperty() {
        return order;
    }

    /** The text filter ({@link ContainerQuery#matching}). */
    public StringProperty filterProperty() {
        return filter;
    }

    /**
     * The table's column filters as one predicate over rows, on top of {@link #filterProperty()}; null shows
     * every row. Rows are tested again on every update, so a live figure (CPU % &gt; 50) is followed.
     */
    public ObjectProperty<Predicate<ContainerRow>> columnFilterProperty() {
        return columnFilter;
    }

    public ObjectProperty<ContainerQuery.GroupBy> groupByProperty() {
        return groupBy;
    }

    public ObservableList<GroupTotals> groups() {
        return groups;
    }

    public ReadOnlyObjectProperty<Totals> totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    /** CPU capacity of the machines behind the engines, in Docker's percent (100 per CPU); 0 when unknown. */
    public ReadOnlyDoubleProperty cpuCapacityProperty() {
        return cpuCapacity.getReadOnlyProperty();
    }

    /** Memory of the machines behind the engines, for the gauge's scale (0 when unknown). */
    public ReadOnlyObjectProperty<Long> memCapacityProperty() {
        return memCapacity.getReadOnlyProperty();
    }

    /** Where an engine is reached, e.g. {@code unix:///var/run/docker.sock}; empty for an unknown name. */
    public String endpointOf(String engine) {
        return monitor.endpoint(engine).map(Object::toString).orElse("");
    }

    public ObservableList<EngineStatus> engines() {
        return engines;
    }

    /** The status bar text. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Alerts, newest first. */
    public ObservableList<Alert> alerts() {
        return alerts;
    }

    /** The selected container's latest data; null when none is selected or it is gone. */
    public ObjectProperty<ContainerView> selectedProperty() {
        return selected;
    }

    /** Selects a table row. */
    public void selectRow(ContainerRow row) {
        selected.set(row == null ? null : row.view());
    }

    /** The selected container's row, or null. */
    public ContainerRow selectedRow() {
        ContainerView v = selected.get();
        return v == null ? null : byKey.get(v.key());
    }

    public ObservableList<HistoryPoint> clusterHistory() {
        return clusterHistory;
    }

    public ObservableList<HistoryPoint> selectedHistory() {
        return selectedHistory;
    }

    public ReadOnlyStringProperty actionMessageProperty() {
        return actionMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty actionErrorProperty() {
        return actionError.getReadOnlyProperty();
    }

    /** The Inspect tab's state. */
    public InspectViewModel inspect() {
        return inspect;
    }

    /** Fetches the selected container's inspect document again (nothing when none is selected). */
    public void refreshInspect() {
        inspect.refresh(selected.get());
    }

    /** Now, from the injected clock (uptimes, reconnect countdowns). */
    public java.time.Instant now() {
        return clock.instant();
    }
}
