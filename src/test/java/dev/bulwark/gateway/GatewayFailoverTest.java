package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.gateway.client.GatewayClientConfig;
import dev.bulwark.gateway.client.GatewayClients;
import dev.bulwark.gateway.client.GatewayStatus;
import dev.bulwark.gateway.client.GatewayStatus.Recovery;
import dev.bulwark.gateway.client.RedisPublisher;
import dev.bulwark.testsupport.RedisServerSupport;
import dev.bulwark.util.reconnect.Backoff;
import dev.bulwark.util.reconnect.ConnectionState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference gateway as a real process, killed (-9 and TERM), restarted on the same port, and frozen with
 * SIGSTOP: the client reconnects within its backoff bound, resubscribes once, and with Redis loses nothing that was
 * published while the gateway was away.
 */
class GatewayFailoverTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static final Backoff BOUNDED = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), 2.0, true, Duration.ofSeconds(60));

    private static GatewayClientConfig config(int port, String id) {
        return GatewayClientConfig.of(URI.create("ws://127.0.0.1:" + port), id).withBackoff(BOUNDED)
                .withTimings(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    private static String frame(String channel, String type, int i) {
        return "{\"type\":\"" + type + "\",\"channel\":\"" + channel + "\",\"data\":{\"i\":" + i + ",\"run\":\""
                + System.nanoTime() + "\"},\"timestamp\":\"2026-01-01T00:00:00\",\"client_id\":null}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"KILL", "TERM"})
    void killedAndRestartedOnTheSamePortTheClientRecoversEveryMessagePublishedMeanwhile(String signal) throws Exception {
        String redis = RedisServerSupport.uri();
        GatewayProcesses.Proc gw = GatewayProcesses.bulwarkServer(0, "--redis", redis);
        int port = gw.port;
        ClientProbe probe = new ClientProbe();
        try (RedisPublisher publisher = new RedisPublisher(redis);
             GatewayClients.Owned c = GatewayClients.open(config(port, "failover-" + signal), null, Clock.systemUTC(), probe)) {
            c.client().subscribe(Channels.OSINT);
            c.client().start();
            probe.awaitStatus(T, s -> ClientProbe.acked(s, Channels.OSINT));
            for (int i = 0; i < 10; i++) {
                publisher.publish(frame(Channels.OSINT, "osint_progress", i));
            }
            probe.awaitMessages(T, 10);
            gw.signal(signal);
            gw.await(T);
            probe.awaitStatus(T, s -> s.connection().kind() != ConnectionState.Kind.CONNECTED);
            // Published while no gateway runs: kept in the channel's Redis history by the publisher itself.
            for (int i = 10; i < 510; i++) {
                publisher.publish(frame(Channels.OSINT, "osint_progress", i));
            }
            gw = GatewayProcesses.bulwarkServer(port, "--redis", redis);
            long back = System.nanoTime();
            GatewayStatus s = probe.awaitStatus(T, x -> ClientProbe.acked(x, Channels.OSINT)
                    && x.connection().kind() == ConnectionState.Kind.CONNECTED);
            long resubscribedMs = (System.nanoTime() - back) / 1_000_000;
            System.err.println("[gateway-failover] " + signal + ": resubscribed " + resubscribedMs + " ms after the gateway listened again");
            assertThat(resubscribedMs).isLessThan(BOUNDED.max().toMillis() + 1500);
            probe.awaitMessages(T, 510);
            for (int i = 510; i < 520; i++) {
                publisher.publish(frame(Channels.OSINT, "osint_progress", i));
            }
            probe.awaitMessages(T, 520);
            Thread.sleep(300);
            assertThat(probe.sequence()).containsExactlyElementsOf(IntStream.range(0, 520).boxed().toList());
            GatewayStatus after = c.client().status();
            if (after.counters().recovered() != 500) {
                probe.statuses.stream().map(x -> x.connection().kind() + "/" + x.mode() + "/" + x.recovery().describe()
                        + "/" + x.subscriptions() + "/" + x.counters()).distinct().forEach(x -> System.err.println("[gateway-failover] " + x));
            }
            assertThat(after.recovery().kind()).isEqualTo(Recovery.Kind.RECOVERED);
            assertThat(after.counters().recovered()).isEqualTo(500);
            assertThat(after.counters().duplicates()).isZero();
            assertThat(probe.statuses.stream().filter(x -> ClientProbe.acked(x, Channels.OSINT)).count()).isPositive();
        } finally {
            gw.close();
        }
    }

    @Test
    void withoutRedisARestartLosesTheHistoryAndTheClientSaysSo() throws Exception {
        GatewayProcesses.Proc gw = GatewayProcesses.bulwarkServer(0);
        int port = gw.port;
        ClientProbe probe = new ClientProbe();
        try (GatewayClients.Owned c = GatewayClients.open(config(port, "nored"), null, Clock.systemUTC(), probe)) {
            c.client().subscribe(Channels.TASKS);
            c.client().start();
            probe.awaitStatus(T, s -> ClientProbe.acked(s, Channels.TASKS));
            c.client().publish(Channels.TASKS, "task_update", new ObjectMapper().createObjectNode().put("i", 0));
            probe.awaitMessages(T, 1);
            gw.signal("KILL");
            gw.await(T);
            Thread.sleep(1500);
            gw = GatewayProcesses.bulwarkServer(port);
            GatewayStatus s = probe.awaitStatus(T, x -> ClientProbe.acked(x, Channels.TASKS) && x.recovery().kind() == Recovery.Kind.GAP);
            assertThat(s.recovery().describe()).matches("gap: [1-9]\\d* s \\(maximus:tasks: epoch changed\\)");
        } finally {
            gw.close();
        }
    }

    @Test
    void aFrozenGatewayIsNoticedByTheHeartbeatAloneAndRejoinedWhenItThaws() throws Exception {
        GatewayProcesses.Proc gw = GatewayProcesses.bulwarkServer(0);
        ClientProbe probe = new ClientProbe();
        try (GatewayClients.Owned c = GatewayClients.open(config(gw.port, "frozen"), null, Clock.systemUTC(), probe)) {
            c.client().subscribe(Channels.THREATS);
            c.client().start();
            probe.awaitStatus(T, s -> ClientProbe.acked(s, Channels.THREATS) && s.rttMillis() >= 0);
            gw.signal("STOP");
            long frozen = System.nanoTime();
            GatewayStatus dead = probe.awaitStatus(T, s -> s.connection().kind() != ConnectionState.Kind.CONNECTED);
            long noticedMs = (System.nanoTime() - frozen) / 1_000_000;
            System.err.println("[gateway-failover] SIGSTOP noticed after " + noticedMs + " ms (heartbeat 500 ms)");
            assertThat(noticedMs).isLessThan(3000);
            assertThat(probe.statuses).anySatisfy(s -> assertThat(String.valueOf(s.connection().reason())).contains("no pong"));
            // While frozen, TCP connects still succeed (the kernel's backlog), so only the handshake timeout helps.
            Thread.sleep(3000);
            assertThat(probe.statuses).anySatisfy(s -> assertThat(String.valueOf(s.connection().reason()))
                    .contains("no WebSocket handshake within"));
            gw.signal("CONT");
            probe.awaitStatus(T, s -> s.connection().kind() == ConnectionState.Kind.CONNECTED && ClientProbe.acked(s, Channels.THREATS));
        } finally {
            gw.signal("CONT");
            gw.close();
        }
    }
}
