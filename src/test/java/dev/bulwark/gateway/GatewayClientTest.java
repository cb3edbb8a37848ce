package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.client.GatewayClientConfig;
import dev.bulwark.gateway.client.GatewayClients;
import dev.bulwark.gateway.client.GatewayStatus;
import dev.bulwark.gateway.client.GatewayStatus.Recovery;
import dev.bulwark.gateway.server.GatewayServer;
import dev.bulwark.gateway.server.GatewayServerConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.util.reconnect.Backoff;
import dev.bulwark.util.reconnect.ConnectionState;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real reference server on 127.0.0.1, through a proxy that can cut or strip connections. */
class GatewayClientTest {
    static final Duration T = Duration.ofSeconds(15);
    static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 2.0, true, Duration.ofSeconds(60));
    private GatewayServer server;
    private TcpProxy proxy;
    private final java.util.List<AutoCloseable> owned = new java.util.ArrayList<>();
    @TempDir
    Path tmp;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : owned.reversed()) {
            c.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private GatewayServer server(GatewayServerConfig config) throws Exception {
        server = new GatewayServer(config, Clock.systemUTC(), TimeSource.system());
        server.start();
        proxy = new TcpProxy(server.port());
        return server;
    }

    private GatewayClientConfig config(String id) {
        return GatewayClientConfig.of(URI.create("ws://127.0.0.1:" + proxy.port()), id).withBackoff(FAST)
                .withTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private GatewayClients.Owned client(GatewayClientConfig config, ClientProbe probe) throws Exception {
        GatewayClients.Owned c = GatewayClients.open(config, null, Clock.systemUTC(), probe);
        owned.add(c);
        return c;
    }

    private void publish(String channel, String type, int i) throws Exception {
        server.publish(channel, "{\"type\":\"" + type + "\",\"channel\":\"" + channel + "\",\"data\":{\"i\":" + i
                + "},\"timestamp\":\"2026-01-01T00:00:00\",\"client_id\":null}");
    }

    @Test
    void subscribesReceivesAndMeasuresTheRoundTrip() throws Exception {
        server(GatewayServerConfig.defaults(0));
        ClientProbe probe = new ClientProbe();
        var c = client(config("c1"), probe);
        c.client().subscribe(Channels.THREATS);
        c.client().start();
        GatewayStatus up = probe.awaitStatus(T, s -> ClientProbe.acked(s, Channels.THREATS) && s.rttMillis() >= 0);
        assertThat(up.mode()).isEqualTo(GatewayStatus.Mode.WEBSOCKET);
        assertThat(up.extended()).isTrue();
        assertThat(up.recovery().kind()).isEqualTo(Recovery.Kind.LIVE);
        publish(Channels.THREATS, "threat_alert", 1);
        probe.awaitMessages(T, 1);
        assertThat(probe.messages.get(0).frame().type()).isEqualTo("threat_alert");
        assertThat(probe.messages.get(0).recovered()).isFalse();
        assertThat(up.describe(java.time.Instant.now())).startsWith("connected · rtt ").endsWith(" · live");
    }

    @Test
    void aCutConnectionIsRecoveredInOrderWithNoDuplicateAndSaysSo() throws Exception {
        server(GatewayServerConfig.defaults(0));
        ClientProbe probe = new ClientProbe();
        var c = client(config("rec"), probe);
        c.client().subscribe(Channels.TASKS);
        c.client().subscribe(Channels.THREATS);
        c.client().start();
        probe.awaitStatus(T, s -> ClientProbe.acked(s, Channels.TASKS) && ClientProbe.acked(s, Channels.THREATS));
        for (int i = 0; i < 5; i++) {
            publish(Channels.TASKS, "task_update", i);
        }
        probe.awaitMessages(T, 5);
        proxy.mode(TcpProxy.Mode.DROP);
        probe.awaitStatus(T, s -> s.connection().kind() != ConnectionState.Kind.CONNECTED);
        for (int i = 5; i < 1005; i++) {
            publish(Channels.TASKS, "task_update", i);
        }
        Thread.sleep(1200);
        proxy.mode(TcpProxy.Mode.FORWARD);
        c.client().reconnectNow();
        probe.awaitMessages(T, 1005);
        GatewayStatus s = probe.awaitStatus(T, x -> ClientProbe.acked(x, Channels.TASKS) && x.counters().recovered() == 1000);
        assertThat(probe.sequence()).containsExactlyElementsOf(IntStream.range(0, 1005).boxed().toList());
        assertThat(s.recovery().kind()).isEqualTo(Recovery.Kind.RECOVERED);
        assertThat(s.counters().duplicates()).isZero();
        assertThat(probe.messages.subList(5, 1005)).allMatch(m -> m.recovered());
        publish(Channels.TASKS, "task_update", 1005);
        probe.awaitMessages(T, 1006);
        assertThat(probe.messages.get(1005).recovered()).isFalse();
    }

    @Test
    void withAHistoryTooShortTheGapIsReportedWithItsLength() throws Exception {
        server(GatewayServerConfig.defaults(0).withHistory(10));
        ClientProbe probe = new ClientProbe();
        var c = client(config("gap"), probe);
        c.client().subscribe(Channels.TASKS);
        c.client().start();
        probe.awaitStatus(T, s -> ClientProbe.acked(s, Channels.TASKS));
        publish(Channels.TASKS, "task_update", 0);
        probe.awaitMessages(T, 1);
        proxy.mode(TcpProxy.Mode.DROP);
        probe.awaitStatus(T, s -> s.connection().kind() != ConnectionState.Kind.CONNECTED);
        for (int i = 1; i <= 50; i++) {
            publish(Channels.TASKS, "task_update", i);
        }
        Thread.sleep(1100);
        proxy.mode(TcpProxy.Mode.FORWARD);
        GatewayStatus s = probe.awaitStatus(T, x -> x.recovery().kind() == Recovery.Kind.GAP);
        assertThat(s.recovery().describe()).matches("gap: [1-9]\\d* s \\(maximus:tasks: beyond history\\)");
    }

    @Test
    void theOfflineQueueKeepsOrderSurvivesARestartAndIsFlushedAfterTheResubscribe() throws Exception {
        server(GatewayServerConfig.defaults(0));
        proxy.mode(TcpProxy.Mode.DROP);
        Path file = tmp.resolve("queue.json");
        ClientProbe probe = new ClientProbe();
        var first = client(config("q").withQueue(3, file), probe);
        first.client().start();
        for (int i = 0; i < 5; i++) {
            first.client().publish(Channels.CONTAINERS, "container_status", new com.fasterxml.jackson.databind.ObjectMapper()
                    .createObjectNode().put("i", i));
        }
        GatewayStatus offline = first.client().status();
        assertThat(offline.counters().queued()).isEqualTo(3);
        assertThat(offline.counters().droppedFromQueue()).isEqualTo(2);
        assertThat(Files.readString(file)).contains("\\\"i\\\":2").contains("\\\"i\\\":4").doesNotContain("\\\"i\\\":1}");
        first.close();
        owned.remove(first);

        RawWs watcher = RawWs.open(server.port(), "watcher", Map.of(), false);
        watcher.next(T);
        watcher.send("{\"type\":\"subscribe\",\"channel\":\"maximus:containers\"}");
        watcher.nextOfType("subscribed", T);
        proxy.mode(TcpProxy.Mode.FORWARD);
        ClientProbe probe2 = new ClientProbe();
        var second = client(config("q").withQueue(3, file), probe2);
        second.client().subscribe(Channels.TASKS);
        second.client().start();
        List<String> got = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(watcher.nextOfType("container_status", T));
        }
        assertThat(got).satisfiesExactly(a -> assertThat(a).contains("{\"i\":2}"), b -> assertThat(b).contains("{\"i\":3}"),
                d -> assertThat(d).contains("{\"i\":4}"));
        probe2.awaitStatus(T, s -> s.counters().queued() == 0);
        assertThat(Files.readString(file)).isEqualTo("[]");
    }

    @Test
    void theTokenIsReadAtEveryConnectSoChangingItNeedsNoRestart() throws Exception {
        server(GatewayServerConfig.defaults(0).withToken("tk-good-7731"));
        AtomicReference<String> token = new AtomicReference<>("tk-bad-1234");
        ClientProbe probe = new ClientProbe();
        var c = client(config("tok").withToken(token::get).withPollAfterFailures(1), probe);
        c.client().start();
        GatewayStatus refused = probe.awaitStatus(T, s -> s.connection().kind() == ConnectionState.Kind.RECONNECTING);
        assertThat(refused.connection().reason()).contains("HTTP 401").doesNotContain("tk-bad").doesNotContain("tk-good");
        Thread.sleep(1500); // several refusals: a refused client is not a stripped upgrade, so it never polls
        assertThat(probe.statuses).noneMatch(s -> s.mode() == GatewayStatus.Mode.POLLING);
        token.set("tk-good-7731");
        c.client().reconnectNow();
        probe.awaitStatus(T, s -> s.connection().kind() == ConnectionState.Kind.CONNECTED);
    }

    @Test
    void whenUpgradesAreStrippedItPollsThenUpgradesBack() throws Exception {
        server(GatewayServerConfig.defaults(0));
        proxy.mode(TcpProxy.Mode.REFUSE_UPGRADES);
        ClientProbe probe = new ClientProbe();
        var c = client(config("poll").withPollAfterFailures(2), probe);
        c.client().subscribe(Channels.THREATS);
        c.client().start();
        probe.awaitStatus(T, s -> s.mode() == GatewayStatus.Mode.POLLING && s.connection().kind() == ConnectionState.Kind.CONNECTED);
        Thread.sleep(300); // the first poll establishes the position "from now"
        publish(Channels.THREATS, "threat_alert", 1);
        publish(Channels.THREATS, "threat_alert", 2);
        probe.awaitMessages(T, 2);
        assertThat(probe.sequence()).containsExactly(1, 2);
        assertThat(probe.last.describe(java.time.Instant.now())).startsWith("polling");
        proxy.mode(TcpProxy.Mode.FORWARD);
        probe.awaitStatus(Duration.ofSeconds(30), s -> s.mode() == GatewayStatus.Mode.WEBSOCKET && ClientProbe.acked(s, Channels.THREATS));
        publish(Channels.THREATS, "threat_alert", 3);
        probe.awaitMessages(T, 3);
        assertThat(probe.sequence()).containsExactly(1, 2, 3);
    }
}
