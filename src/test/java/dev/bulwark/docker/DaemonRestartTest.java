package dev.bulwark.docker;

import dev.bulwark.testsupport.TestContainers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.docker.monitor.MonitorConfig;
import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.util.reconnect.ConnectionState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A private daemon is stopped and started again while the monitor watches it: containers go stale,
 * streams are released, and monitoring resumes by itself.
 */
class DaemonRestartTest {

    @Test
    void monitorSurvivesDaemonRestart() throws Exception {
        try (PrivateDockerd daemon = new PrivateDockerd()) {
            daemon.start();
            daemon.importImage(DockerEngineSupport.image());
            String name = "bwdock-restart-" + daemon.dir.getFileName();
            TestContainers.DockerCli.run(daemon.host(), "run", "-d", "--network", "none", "--restart", "always",
                    "--name", name, DockerEngineSupport.image(), "sleep", "3600");
            try (ContainerMonitor monitor = new ContainerMonitor(
                    List.of(new EngineSpec("private", URI.create(daemon.host()), null, false)),
                    EngineFactory.dockerJava(), MonitorConfig.defaults(), Clock.systemUTC())) {
                monitor.start();
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                    ContainerView v = find(monitor, name).orElseThrow();
                    assertThat(v.stale()).isFalse();
                    assertThat(v.stats()).isNotNull();
                    assertThat(monitor.openStatsStreams()).isEqualTo(1);
                });

                daemon.stop();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                    EngineStatus st = monitor.snapshot().engines().getFirst();
                    assertThat(st.kind()).isEqualTo(ConnectionState.Kind.RECONNECTING);
                    assertThat(st.reason()).isNotBlank();
                    assertThat(st.describe(st.since())).startsWith("reconnecting in ");
                    ContainerView v = find(monitor, name).orElseThrow();
                    assertThat(v.stale()).isTrue();
                    assertThat(v.live()).isFalse();
                    assertThat(monitor.snapshot().totals().all().running()).isZero();
                    assertThat(monitor.openStatsStreams()).isZero();
                });

                daemon.start();
                long upAt = System.nanoTime();
                // Backoff caps at 3 s, so the monitor is back well within 5 s of the daemon answering;
                // the extra margin covers this shared, loaded 2-core machine.
                await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
                    assertThat(monitor.snapshot().engines().getFirst().kind()).isEqualTo(ConnectionState.Kind.CONNECTED);
                    ContainerView v = find(monitor, name).orElseThrow();
                    assertThat(v.stale()).isFalse();
                });
                System.out.printf("[docker-tests] monitor reconnected %.2f s after the daemon answered%n",
                        (System.nanoTime() - upAt) / 1e9);
                // The restart policy brings the container back; its stats stream reopens, exactly one.
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                    ContainerView v = find(monitor, name).orElseThrow();
                    assertThat(v.live()).isTrue();
                    assertThat(v.stats()).isNotNull();
                    assertThat(monitor.openStatsStreams()).isEqualTo(1);
                });
            } finally {
                if (daemon.ping()) {
                    TestContainers.DockerCli.run(daemon.host(), "rm", "-f", name);
                }
            }
        }
    }

    private static Optional<ContainerView> find(ContainerMonitor monitor, String name) {
        return monitor.snapshot().containers().stream().filter(v -> v.details().name().equals(name)).findFirst();
    }
}
