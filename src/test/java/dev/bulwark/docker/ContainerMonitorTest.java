package dev.bulwark.docker;

import dev.bulwark.testsupport.TestContainers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.alert.AlertThresholds;
import dev.bulwark.docker.engine.ContainerAction;
import dev.bulwark.docker.engine.DockerEngineException;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.model.ContainerState;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.docker.monitor.MonitorConfig;
import dev.bulwark.docker.monitor.MonitorUpdate;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.testsupport.Requirements;
import dev.bulwark.util.reconnect.Backoff;
import dev.bulwark.util.reconnect.ConnectionState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The monitor against the two shared real engines: health, alerts, cluster, actions, stream hygiene. */
class ContainerMonitorTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestContainers one;
    private static TestContainers two;
    private static ContainerMonitor monitor;
    private static final List<MonitorUpdate> updates = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        String host1 = DockerEngineSupport.dockerHost();
        String host2 = System.getenv("BULWARK_TEST_DOCKER_HOST2");
        if (host2 == null || host2.isBlank()) {
            Requirements.missing("BULWARK_TEST_DOCKER_HOST2 is not set (second engine for the cluster view)");
        }
        one = new TestContainers(host1);
        two = new TestContainers(host2);
        one.run("idle", List.of("--label", "com.docker.compose.project=" + one.prefix + "proj"), "sleep", "3600");
        one.run("healthy", List.of("--health-cmd", "true", "--health-interval", "1s"), "sleep", "3600");
        two.run("unhealthy", List.of("--health-cmd", "echo probe-failed; exit 1", "--health-interval", "1s",
                "--health-retries", "1", "--label", "com.docker.compose.project=" + one.prefix + "proj"), "sleep", "3600");
        one.sh("loop", List.of("--restart", "always"), "sleep 0.3; exit 3");
        MonitorConfig config = new MonitorConfig(Duration.ofMillis(500), Duration.ofMinutes(15), Backoff.engineDefaults(),
                Duration.ofSeconds(5), new AlertThresholds(2, Duration.ofMinutes(1), Duration.ofSeconds(30)), 500);
        monitor = new ContainerMonitor(List.of(new EngineSpec("one", java.net.URI.create(host1), null, false),
                new EngineSpec("two", java.net.URI.create(host2), null, false)),
                EngineFactory.dockerJava(), config, Clock.systemUTC());
        monitor.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(MonitorUpdate item) {
                updates.add(item);
            }

            @Override
            public void onError(Throwable t) {
                t.printStackTrace();
            }

            @Override
            public void onComplete() {
            }
        });
        monitor.start();
    }

    @AfterAll
    static void stop() {
        if (monitor != null) {
            monitor.close();
        }
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    private static Optional<ContainerView> find(TestContainers tc, String name) {
        return monitor.snapshot().containers().stream()
                .filter(v -> v.details().name().equals(tc.prefix + name)).findFirst();
    }

    @Test
    void bothEnginesConnectAndFiguresFlow() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Snapshot s = monitor.snapshot();
            assertThat(s.engines()).extracting(EngineStatus::kind)
                    .containsExactly(ConnectionState.Kind.CONNECTED, ConnectionState.Kind.CONNECTED);
            ContainerView idle = find(one, "idle").orElseThrow();
            assertThat(idle.engine()).isEqualTo("one");
            assertThat(idle.stale()).isFalse();
            assertThat(idle.stats()).isNotNull();
            assertThat(idle.stats().pids()).isEqualTo(1);
            assertThat(idle.stats().memLimitBytes()).isPositive();
            assertThat(idle.details().composeProject()).isEqualTo(one.prefix + "proj");
            assertThat(idle.details().uptime(s.at())).isPositive();
            // Both private engines run on this machine: they report it, and alike, so capacity counts it once.
            assertThat(s.engines()).allSatisfy(e -> {
                assertThat(e.info()).isNotNull();
                assertThat(e.info().cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
                assertThat(e.info().memTotalBytes()).isPositive();
                assertThat(e.info().version()).isNotBlank();
                assertThat(e.info().id()).isNotBlank();
            });
            assertThat(s.engines().get(0).info().machineKey()).isEqualTo(s.engines().get(1).info().machineKey());
        });
        assertThat(updates).isNotEmpty();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            String key = find(one, "idle").orElseThrow().key();
            assertThat(monitor.history().container(key)).hasSizeGreaterThanOrEqualTo(2);
            assertThat(monitor.history().cluster()).hasSizeGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void healthStatesProbeOutputAndUnhealthyAlert() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(find(one, "healthy").orElseThrow().details().health()).isEqualTo(Health.HEALTHY);
            ContainerView bad = find(two, "unhealthy").orElseThrow();
            assertThat(bad.engine()).isEqualTo("two");
            assertThat(bad.details().health()).isEqualTo(Health.UNHEALTHY);
            assertThat(bad.details().failingStreak()).isPositive();
            assertThat(bad.details().lastProbes()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.output()).contains("probe-failed"));
            assertThat(monitor.alerts()).anySatisfy(a -> {
                assertThat(a.kind()).isEqualTo(Alert.Kind.UNHEALTHY);
                assertThat(a.containerName()).isEqualTo(two.prefix + "unhealthy");
                assertThat(a.engine()).isEqualTo("two");
            });
        });
        // The alert also travels with an update.
        await().atMost(WAIT).ignoreExceptions().until(() -> updates.stream().flatMap(u -> u.newAlerts().stream())
                .anyMatch(a -> a.kind() == Alert.Kind.UNHEALTHY && a.containerName().equals(two.prefix + "unhealthy")));
    }

    @Test
    void containerAlreadyUnhealthyWhenAMonitorStartsIsAlerted() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(find(two, "unhealthy").orElseThrow().details().health()).isEqualTo(Health.UNHEALTHY));
        MonitorConfig config = new MonitorConfig(Duration.ofMillis(500), Duration.ofMinutes(15), Backoff.engineDefaults(),
                Duration.ofSeconds(5), new AlertThresholds(2, Duration.ofMinutes(1), Duration.ofSeconds(30)), 500);
        try (ContainerMonitor late = new ContainerMonitor(List.of(new EngineSpec("two",
                java.net.URI.create(System.getenv("BULWARK_TEST_DOCKER_HOST2")), null, false)),
                EngineFactory.dockerJava(), config, Clock.systemUTC())) {
            late.start();
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(late.alerts())
                    .filteredOn(a -> a.containerName().equals(two.prefix + "unhealthy"))
                    .singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo(Alert.Kind.UNHEALTHY)));
        }
    }

    @Test
    void restartLoopAndUnexpectedDeathAreAlerted() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(monitor.alerts()).filteredOn(a -> a.containerName().equals(one.prefix + "loop"))
                    .extracting(Alert::kind).contains(Alert.Kind.DIED, Alert.Kind.RESTART_LOOP);
            assertThat(find(one, "loop").orElseThrow().details().restartCount()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void oomKillIsShownAndAlerted() {
        one.sh("oom", List.of("--memory", "16m", "--memory-swap", "16m"), "sleep 1; head -c 100m /dev/zero | tail");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            ContainerView v = find(one, "oom").orElseThrow();
            assertThat(v.details().state()).isEqualTo(ContainerState.EXITED);
            assertThat(v.details().oomKilled()).isTrue();
            assertThat(v.details().exitCode()).isEqualTo(137);
            assertThat(v.stats()).isNull();
            assertThat(monitor.alerts()).anySatisfy(a -> {
                assertThat(a.kind()).isEqualTo(Alert.Kind.DIED);
                assertThat(a.containerName()).isEqualTo(one.prefix + "oom");
                assertThat(a.message()).contains("exit code 137");
            });
        });
    }

    @Test
    void clusterTotalsGroupByEngineAndProject() {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Snapshot s = monitor.snapshot();
            assertThat(s.totals().byEngine()).containsKeys("one", "two");
            Totals proj = s.totals().byProject().get(one.prefix + "proj");
            assertThat(proj).isNotNull();
            assertThat(proj.total()).isEqualTo(2);
            assertThat(proj.running()).isEqualTo(2);
            assertThat(proj.unhealthy()).isEqualTo(1);
            Totals all = s.totals().all();
            assertThat(all.total()).isEqualTo(s.containers().size());
            assertThat(all.cpuPercent()).isEqualTo(s.containers().stream().filter(v -> v.live() && v.stats() != null)
                    .mapToDouble(v -> v.stats().cpuPercent()).sum());
        });
    }

    @Test
    void actionsChangeStateAndErrorsSurface() {
        String id = one.run("acted", List.of(), "sleep", "3600");
        await().atMost(WAIT).ignoreExceptions().until(() -> find(one, "acted").map(v -> v.details().state() == ContainerState.RUNNING).orElse(false));
        monitor.perform("one", id, ContainerAction.PAUSE);
        await().atMost(WAIT).ignoreExceptions().until(() -> find(one, "acted").orElseThrow().details().state() == ContainerState.PAUSED);
        monitor.perform("one", id, ContainerAction.UNPAUSE);
        monitor.perform("one", id, ContainerAction.STOP);
        await().atMost(WAIT).ignoreExceptions().until(() -> find(one, "acted").orElseThrow().details().state() == ContainerState.EXITED);
        assertThat(find(one, "acted").orElseThrow().stats()).isNull();
        monitor.perform("one", id, ContainerAction.START);
        await().atMost(WAIT).ignoreExceptions().until(() -> find(one, "acted").orElseThrow().details().state() == ContainerState.RUNNING);
        monitor.perform("one", id, ContainerAction.RESTART);
        monitor.perform("one", id, ContainerAction.REMOVE);
        await().atMost(WAIT).ignoreExceptions().until(() -> find(one, "acted").isEmpty());
        assertThatThrownBy(() -> monitor.perform("one", id, ContainerAction.START))
                .isInstanceOf(DockerEngineException.class).hasMessageContaining("one").hasMessageContaining("start");
        assertThatThrownBy(() -> monitor.perform("nope", id, ContainerAction.START))
                .isInstanceOf(DockerEngineException.class).hasMessageContaining("nope");
    }

    @Test
    void removingAContainerWhileItsStatsStreamIsOpenClosesTheStream() {
        one.run("doomed", List.of(), "sleep", "3600");
        await().atMost(WAIT).ignoreExceptions().until(() -> find(one, "doomed").map(v -> v.stats() != null).orElse(false));
        one.docker("rm", "-f", one.prefix + "doomed");
        await().atMost(WAIT).ignoreExceptions().until(() -> find(one, "doomed").isEmpty());
        // No leaked streams: exactly one open stream per running container, across both engines.
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Snapshot s = monitor.snapshot();
            long withProcesses = s.containers().stream().filter(v -> !v.stale() && v.details().state().hasProcesses()).count();
            assertThat(monitor.openStatsStreams()).isEqualTo((int) withProcesses);
        });
    }
}
