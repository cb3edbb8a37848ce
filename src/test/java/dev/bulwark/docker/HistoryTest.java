package dev.bulwark.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.docker.history.HistoryPoint;
import dev.bulwark.docker.history.MetricsHistory;
import dev.bulwark.docker.history.RingBuffer;
import dev.bulwark.docker.model.ClusterTotals;
import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.docker.model.ContainerState;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.docker.stats.ContainerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

    static ContainerView view(String engine, String id, ContainerState state, Health health, String project,
                              double cpu, long mem, boolean stale) {
        ContainerDetails d = new ContainerDetails(id, "n-" + id, "img", state, health, 0, List.of(), T0, null, 0, 0,
                false, false, List.of(), project == null ? Map.of() : Map.of(ContainerDetails.COMPOSE_PROJECT_LABEL, project), "");
        ContainerStats s = new ContainerStats(T0, cpu, mem, 1L << 30, 0, 0, 0, 0, 0, 0, 0, 1);
        return new ContainerView(engine, d, state.hasProcesses() ? s : null, stale);
    }

    @Test
    void ringKeepsTheNewestInOrder() {
        RingBuffer<Integer> r = new RingBuffer<>(3);
        for (int i = 1; i <= 5; i++) {
            r.add(i);
        }
        assertThat(r.toList()).containsExactly(3, 4, 5);
        assertThat(r.size()).isEqualTo(3);
    }

    @Test
    void fifteenMinutesAtOneSecondIsNineHundredPointsAndGoneContainersAreDropped() {
        MetricsHistory h = new MetricsHistory(Duration.ofMinutes(15), Duration.ofSeconds(1));
        assertThat(h.capacity()).isEqualTo(900);
        ContainerView a = view("e1", "a", ContainerState.RUNNING, Health.NONE, null, 150.0, 100, false);
        ContainerView b = view("e1", "b", ContainerState.RUNNING, Health.NONE, null, 50.0, 300, false);
        for (int i = 0; i < 1000; i++) {
            h.record(T0.plusSeconds(i), List.of(a, b));
        }
        assertThat(h.container(a.key())).hasSize(900);
        assertThat(h.container(a.key()).getFirst().at()).isEqualTo(T0.plusSeconds(100));
        HistoryPoint last = h.cluster().getLast();
        assertThat(last.cpuPercent()).isEqualTo(200.0);
        assertThat(last.memUsageBytes()).isEqualTo(400);
        h.record(T0.plusSeconds(1000), List.of(a));
        assertThat(h.containers()).containsExactly(a.key());
        // A stale container keeps its series but gets no new point (a gap, not a fake value).
        ContainerView staleA = view("e1", "a", ContainerState.RUNNING, Health.NONE, null, 150.0, 100, true);
        h.record(T0.plusSeconds(1001), List.of(staleA));
        assertThat(h.container(a.key()).getLast().at()).isEqualTo(T0.plusSeconds(1000));
        assertThat(h.cluster().getLast().cpuPercent()).isZero();
    }

    @Test
    void totalsCountStatesHealthAndSumOnlyLiveContainers() {
        List<ContainerView> views = List.of(
                view("e1", "a", ContainerState.RUNNING, Health.HEALTHY, "shop", 120.0, 100, false),
                view("e1", "b", ContainerState.RUNNING, Health.UNHEALTHY, "shop", 30.0, 50, false),
                view("e2", "c", ContainerState.EXITED, Health.NONE, null, 0, 0, false),
                view("e2", "d", ContainerState.PAUSED, Health.NONE, null, 0.0, 10, false),
                view("e2", "e", ContainerState.RUNNING, Health.HEALTHY, null, 99.0, 1000, true));
        ClusterTotals t = ClusterTotals.of(views);
        assertThat(t.all()).isEqualTo(new Totals(5, 2, 1, 1, 1, 1, 1, 150.0, 160));
        assertThat(t.byEngine().keySet()).containsExactly("e1", "e2");
        assertThat(t.byEngine().get("e2").stale()).isEqualTo(1);
        assertThat(t.byProject().keySet()).containsExactly("(none)", "shop");
        assertThat(t.byProject().get("shop").cpuPercent()).isEqualTo(150.0);
    }
}
