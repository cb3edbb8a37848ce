package dev.bulwark.ui.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.history.HistoryPoint;
import dev.bulwark.docker.model.ClusterTotals;
import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.docker.model.ContainerState;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineInfo;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.docker.monitor.MonitorConfig;
import dev.bulwark.docker.monitor.MonitorUpdate;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.docker.stats.ContainerStats;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.util.reconnect.ConnectionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Filtering, grouping, totals, row merging and alerts of the view-model, fed with hand-made snapshots. */
class ContainersViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ContainerMonitor monitor = new ContainerMonitor(List.of(), EngineFactory.dockerJava(),
            MonitorConfig.defaults(), clock);
    private final TaskRunner tasks = new TaskRunner(Runnable::run, (c, e) -> { throw new AssertionError(c, e); });
    private final ContainersViewModel vm = new ContainersViewModel(monitor, tasks, clock);

    @AfterEach
    void close() {
        tasks.close();
        monitor.close();
    }

    static ContainerView view(String engine, String name, ContainerState state, Health health, String project,
                              double cpu, long mem, boolean stale) {
        Map<String, String> labels = project == null ? Map.of() : Map.of(ContainerDetails.COMPOSE_PROJECT_LABEL, project);
        ContainerDetails d = new ContainerDetails(engine + "-" + name + "-0123456789abcdef", name, "busybox:latest", state,
                health, 0, List.of(), NOW.minusSeconds(60), null, 0, 0, false, false, List.of(), labels, "sha256:" + name);
        ContainerStats s = state.hasProcesses()
                ? new ContainerStats(NOW, cpu, mem, 1L << 30, 100.0 * mem / (1L << 30), 0, 0, 0, 0, 0, 0, 1)
                : null;
        return new ContainerView(engine, d, s, stale);
    }

    static MonitorUpdate update(List<EngineStatus> engines, List<ContainerView> views, Alert... alerts) {
        return new MonitorUpdate(new Snapshot(NOW, engines, views, ClusterTotals.of(views)), List.of(alerts));
    }

    static EngineStatus connected(String name) {
        return new EngineStatus(name, ConnectionState.connected(NOW));
    }

    static EngineStatus connected(String name, EngineInfo info) {
        return new EngineStatus(name, ConnectionState.connected(NOW), info);
    }

    @Test
    void capacityCountsEachMachineOnceAndFallsBackToContainerLimits() {
        EngineInfo host = new EngineInfo("A", "box", 4, 16L << 30, "28.0");
        EngineInfo sameHost = new EngineInfo("B", "box", 4, 16L << 30, "28.0");
        EngineInfo other = new EngineInfo("C", "lab", 2, 8L << 30, "28.0");
        List<ContainerView> views = sample(); // alpha and beta, containers limited to 1 GiB
        assertThat(MachineCapacity.memory(List.of(connected("alpha", host), connected("beta", sameHost)), views))
                .isEqualTo(16L << 30);
        assertThat(MachineCapacity.cpu(List.of(connected("alpha", host), connected("beta", sameHost))))
                .isEqualTo(400.0);
        assertThat(MachineCapacity.memory(List.of(connected("alpha", host), connected("beta", other)), views))
                .isEqualTo(24L << 30);
        assertThat(MachineCapacity.cpu(List.of(connected("alpha", host), connected("beta", other))))
                .isEqualTo(600.0);
        // beta said nothing about its machine: its largest live container limit stands in.
        assertThat(MachineCapacity.memory(List.of(connected("alpha", host), connected("beta")), views))
                .isEqualTo((16L << 30) + (1L << 30));
        assertThat(MachineCapacity.cpu(List.of(connected("alpha"), connected("beta")))).isZero();
    }

    private List<ContainerView> sample() {
        return List.of(
                view("alpha", "web-1", ContainerState.RUNNING, Health.HEALTHY, "shop", 50, 100 << 20, false),
                view("alpha", "db", ContainerState.RUNNING, Health.UNHEALTHY, "shop", 20, 300 << 20, false),
                view("alpha", "batch", ContainerState.EXITED, Health.NONE, null, 0, 0, false),
                view("beta", "web-2", ContainerState.RUNNING, Health.NONE, "shop", 150, 200 << 20, false),
                view("beta", "cache", ContainerState.PAUSED, Health.NONE, null, 0, 50 << 20, false));
    }

    @Test
    void totalsAndGroupsFollowTheNewestSnapshotOfABatch() {
        List<ContainerView> first = sample().subList(0, 2);
        vm.apply(List.of(update(List.of(connected("alpha")), first), update(List.of(connected("alpha"), connected("beta")), sample())));

        assertThat(vm.allContainers()).hasSize(5);
        var t = vm.totalsProperty().get();
        assertThat(t.total()).isEqualTo(5);
        assertThat(t.running()).isEqualTo(3);
        assertThat(t.paused()).isEqualTo(1);
        assertThat(t.stopped()).isEqualTo(1);
        assertThat(t.healthy()).isEqualTo(1);
        assertThat(t.unhealthy()).isEqualTo(1);
        assertThat(t.cpuPercent()).isEqualTo(220.0);
        assertThat(t.memUsageBytes()).isEqualTo((100L + 300 + 200 + 50) << 20);

        assertThat(vm.groups()).extracting(ContainersViewModel.GroupTotals::key).containsExactly("alpha", "beta");
        assertThat(vm.groups().get(1).totals().cpuPercent()).isEqualTo(150.0);
        vm.groupByProperty().set(ContainerQuery.GroupBy.PROJECT);
        assertThat(vm.groups()).extracting(ContainersViewModel.GroupTotals::key).containsExactly(ClusterTotals.NO_PROJECT, "shop");
        assertThat(vm.groups().get(1).totals().running()).isEqualTo(3);
        assertThat(vm.statusProperty().get()).isEqualTo("Docker: 2 engines connected, 3 running");
    }

    @Test
    void filterMatchesEveryTermAcrossNameImageEngineProjectAndState() {
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), sample())));
        vm.filterProperty().set("web");
        assertThat(names()).containsExactly("web-1", "web-2");
        vm.filterProperty().set("WEB beta");
        assertThat(names()).containsExactly("web-2");
        vm.filterProperty().set("shop unhealthy");
        assertThat(names()).containsExactly("db");
        vm.filterProperty().set("state:paused");
        assertThat(names()).containsExactly("cache");
        vm.filterProperty().set("nothing-like-this");
        assertThat(names()).isEmpty();
        vm.filterProperty().set("");
        assertThat(names()).hasSize(5);
    }

    @Test
    void aPerSecondUpdateChangesOnlyTheChangedRowsAndLeavesTheTableListAlone() {
        List<ContainerView> rows = new ArrayList<>(sample());
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), rows)));
        List<ContainerRow> before = List.copyOf(vm.visibleRows());
        List<String> listChanges = new ArrayList<>();
        vm.visibleRows().addListener((ListChangeListener<ContainerRow>) c -> listChanges.add(c.toString()));
        List<String> rowChanges = new ArrayList<>();
        before.forEach(r -> r.viewProperty().addListener((o, a, b) -> rowChanges.add(b.details().name())));

        rows.set(3, view("beta", "web-2", ContainerState.RUNNING, Health.NONE, "shop", 90, 200 << 20, false));
        rows.set(1, view("alpha", "db", ContainerState.RUNNING, Health.UNHEALTHY, "shop", 10, 300 << 20, false));
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), rows)));

        assertThat(listChanges).isEmpty();
        assertThat(vm.visibleRows()).containsExactlyElementsOf(before);
        assertThat(rowChanges).containsExactlyInAnyOrder("db", "web-2");
        assertThat(vm.totalsProperty().get().cpuPercent()).isEqualTo(150.0);
    }

    @Test
    void theTableOrderIsAppliedAndFollowsChangingFigures() {
        List<ContainerView> rows = new ArrayList<>(sample());
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), rows)));
        vm.orderProperty().set(java.util.Comparator.comparingDouble(
                (ContainerRow r) -> r.view().stats() == null ? -1 : r.view().stats().cpuPercent()).reversed());
        assertThat(names()).startsWith("web-2", "web-1", "db");
        rows.set(1, view("alpha", "db", ContainerState.RUNNING, Health.UNHEALTHY, "shop", 400, 300 << 20, false));
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), rows)));
        assertThat(names()).startsWith("db", "web-2", "web-1");
        vm.orderProperty().set(null);
        assertThat(names()).containsExactly("web-1", "db", "batch", "web-2", "cache");
    }

    @Test
    void engineListChangesOnlyWhenAStateDoesOrACountdownRuns() {
        int[] changes = {0};
        vm.engines().addListener((ListChangeListener<EngineStatus>) c -> changes[0]++);
        vm.apply(List.of(update(List.of(connected("alpha")), sample())));
        vm.apply(List.of(update(List.of(connected("alpha")), sample())));
        assertThat(changes[0]).isEqualTo(1);
        EngineStatus away = new EngineStatus("alpha",
                ConnectionState.reconnecting("connection refused", NOW, NOW.plusSeconds(4)));
        vm.apply(List.of(update(List.of(away), sample())));
        vm.apply(List.of(update(List.of(away), sample())));
        assertThat(changes[0]).as("the reconnect countdown is redrawn every update").isEqualTo(3);
        assertThat(vm.engines()).containsExactly(away);
    }

    @Test
    void staleContainersOfAnUnreachableEngineAreNeverCountedAsLive() {
        List<ContainerView> rows = List.of(
                view("alpha", "web-1", ContainerState.RUNNING, Health.HEALTHY, null, 50, 100 << 20, true));
        EngineStatus down = new EngineStatus("alpha",
                ConnectionState.reconnecting("connection refused", NOW, NOW.plusSeconds(4)));
        vm.apply(List.of(update(List.of(down), rows)));
        var t = vm.totalsProperty().get();
        assertThat(t.stale()).isEqualTo(1);
        assertThat(t.running()).isZero();
        assertThat(t.cpuPercent()).isZero();
        assertThat(vm.statusProperty().get()).isEqualTo("Docker: reconnecting in 4 s — connection refused");
        assertThat(ContainerTable.stateText(rows.getFirst())).isEqualTo("stale (was running)");
    }

    @Test
    void alertsOfEveryUpdateInTheBatchAreListedNewestFirstAndAnnounced() {
        Alert a1 = new Alert(NOW, Alert.Kind.UNHEALTHY, "alpha", "id1", "db", "db is unhealthy");
        Alert a2 = new Alert(NOW.plusSeconds(1), Alert.Kind.DIED, "alpha", "id2", "batch", "batch died unexpectedly (exit code 3)");
        List<Alert> announced = new ArrayList<>();
        vm.onAlert(announced::add);
        vm.apply(List.of(update(List.of(connected("alpha")), sample(), a1), update(List.of(connected("alpha")), sample(), a2)));
        assertThat(vm.alerts()).containsExactly(a2, a1);
        assertThat(announced).containsExactly(a1, a2);
    }

    @Test
    void selectionFollowsTheSameContainerAndClearsWhenItIsGone() {
        List<ContainerView> rows = sample();
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), rows)));
        vm.selectedProperty().set(rows.get(1));
        ContainerView updated = view("alpha", "db", ContainerState.EXITED, Health.UNHEALTHY, "shop", 0, 0, false);
        List<ContainerView> next = new ArrayList<>(rows);
        next.set(1, updated);
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), next)));
        assertThat(vm.selectedProperty().get()).isEqualTo(updated);
        next.remove(1);
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), next)));
        assertThat(vm.selectedProperty().get()).isNull();
    }

    @Test
    void historyIsAveragedIntoAtMostTheChartPoints() {
        List<HistoryPoint> points = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            points.add(new HistoryPoint(NOW.minus(Duration.ofSeconds(900 - i)), i % 2 == 0 ? 0 : 100, 1000, 0, 0));
        }
        List<HistoryPoint> out = ContainersViewModel.downsample(points, 180);
        assertThat(out).hasSize(180);
        assertThat(out).allSatisfy(p -> assertThat(p.cpuPercent()).isCloseTo(40.0, org.assertj.core.data.Offset.offset(20.0)));
        assertThat(out.getLast().at()).isEqualTo(points.getLast().at());
        assertThat(ContainersViewModel.downsample(points.subList(0, 10), 180)).hasSize(10);
    }

    @Test
    void statusSummaryNamesTheDownEngine() {
        EngineStatus down = new EngineStatus("lab", ConnectionState.unreachable("plain tcp refused", NOW));
        var totals = ClusterTotals.of(sample()).all();
        assertThat(StatusSummary.describe(List.of(connected("alpha"), down), totals, NOW))
                .isEqualTo("Docker: 1 of 2 engines connected, 3 running; lab unreachable: plain tcp refused");
        assertThat(StatusSummary.describe(List.of(down), totals, NOW)).isEqualTo("Docker: unreachable — plain tcp refused");
        assertThat(StatusSummary.describe(List.of(), totals, NOW)).isEqualTo("Docker: no engine configured");
    }

    @Test
    void statusSummaryKeepsARetryUnderWayDownAndShowsAStoppedEngine() {
        var totals = ClusterTotals.of(sample()).all();
        EngineStatus retrying = new EngineStatus("lab", ConnectionState.connecting("connection refused", NOW));
        assertThat(StatusSummary.describe(List.of(retrying), totals, NOW))
                .as("a retry is not a first connect").isEqualTo("Docker: reconnecting now — connection refused");
        assertThat(StatusSummary.describe(List.of(new EngineStatus("lab", ConnectionState.connecting(null, NOW))), totals, NOW))
                .isEqualTo("Docker: connecting…");
        assertThat(StatusSummary.describe(List.of(connected("alpha"), new EngineStatus("lab", ConnectionState.stopped(NOW))),
                totals, NOW)).isEqualTo("Docker: 1 of 2 engines connected, 3 running; lab stopped");
    }

    @Test
    void columnFiltersCombineWithTheTextFilterAndFollowChangingFigures() {
        List<EngineStatus> engines = List.of(connected("alpha"), connected("beta"));
        vm.apply(List.of(update(engines, sample())));
        vm.columnFilterProperty().set(r -> r.view().stats() != null && r.view().stats().cpuPercent() > 30);
        assertThat(names()).containsExactly("web-1", "web-2");
        vm.filterProperty().set("alpha");
        assertThat(names()).as("text filter AND column filter").containsExactly("web-1");
        vm.filterProperty().set("");

        // web-1 drops to 10 % CPU: the next update takes it out, with no change to the filter itself
        List<ContainerView> next = new ArrayList<>(sample());
        next.set(0, view("alpha", "web-1", ContainerState.RUNNING, Health.HEALTHY, "shop", 10, 100 << 20, false));
        vm.apply(List.of(update(engines, next)));
        assertThat(names()).containsExactly("web-2");

        vm.columnFilterProperty().set(null);
        assertThat(names()).hasSize(5);
    }

    /** ControlsFX's combined predicates compare equal whatever the column predicates are: each new one must count. */
    @Test
    void aNewColumnPredicateThatEqualsTheOldOneStillRefilters() {
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), sample())));
        vm.columnFilterProperty().set(new EqualToAll(r -> r.view().engine().equals("alpha")));
        assertThat(names()).containsExactly("web-1", "db", "batch");
        vm.columnFilterProperty().set(new EqualToAll(r -> r.view().details().name().startsWith("web")));
        assertThat(names()).containsExactly("web-1", "web-2");
    }

    private record EqualToAll(java.util.function.Predicate<ContainerRow> p) implements java.util.function.Predicate<ContainerRow> {
        @Override
        public boolean test(ContainerRow r) {
            return p.test(r);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EqualToAll;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    @Test
    void anInspectAnswerForAnEarlierSelectionNeverOverwritesTheCurrentOne() {
        java.util.concurrent.BlockingQueue<Runnable> fx = new java.util.concurrent.LinkedBlockingQueue<>();
        try (TaskRunner queued = new TaskRunner(fx::add, (c, e) -> { throw new AssertionError(c, e); })) {
            ContainersViewModel model = new ContainersViewModel(monitor, queued, clock);
            model.apply(List.of(update(List.of(connected("alpha"), connected("beta")), sample())));
            model.selectRow(model.visibleRows().getFirst()); // web-1 on alpha
            model.selectRow(model.visibleRows().getLast()); // cache on beta
            assertThat(model.inspect().textProperty().get()).isEqualTo(InspectViewModel.LOADING);
            // Both fetches fail (this monitor has no engines); deliver the current one's answer first.
            List<Runnable> answers = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                fx.drainTo(answers);
                return answers.size() == 2;
            });
            answers.reversed().forEach(Runnable::run);
            assertThat(model.inspect().errorProperty().get()).startsWith("Could not inspect cache (").contains("on engine beta: ");
        }
    }

    @Test
    void aFailedInspectFetchNamesTheContainerAndEngineAndStaysWhenTheContainerIsGone() {
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), sample())));
        ContainerRow db = vm.visibleRows().stream().filter(r -> r.view().details().name().equals("db")).findFirst().orElseThrow();
        vm.selectRow(db);
        // This monitor has no engine named alpha: the fetch fails in the background.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !vm.inspect().errorProperty().get().isEmpty());
        assertThat(vm.inspect().errorProperty().get())
                .startsWith("Could not inspect db (" + db.view().details().id().substring(0, 12) + ") on engine alpha: ")
                .contains("no engine named alpha");
        assertThat(vm.inspect().textProperty().get()).isEmpty();

        // The container vanishes: the failure stays (it says why), the next selection clears it.
        vm.apply(List.of(update(List.of(connected("alpha"), connected("beta")), sample().subList(2, 5))));
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.inspect().errorProperty().get()).contains("no engine named alpha");
        vm.selectRow(vm.visibleRows().getFirst());
        assertThat(vm.inspect().errorProperty().get()).doesNotContain("inspect db");
    }

    private List<String> names() {
        return vm.visibleRows().stream().map(r -> r.view().details().name()).toList();
    }
}
