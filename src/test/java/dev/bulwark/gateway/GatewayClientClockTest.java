package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.client.GatewayClient;
import dev.bulwark.gateway.client.GatewayClientConfig;
import dev.bulwark.gateway.client.GatewayStatus.Subscription.Ack;
import dev.bulwark.gateway.client.GatewayTransport;
import dev.bulwark.testsupport.ManualClock;
import dev.bulwark.util.reconnect.Backoff;
import dev.bulwark.util.reconnect.ConnectionState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's timing rules on a manual clock, against a scripted in-memory transport (a fake of the WebSocket
 * adapter only; the adapter itself is tested against real servers): the heartbeat's two-interval rule, the ack
 * timeout and retry, the frames it sends, and never a frame a legacy server could reject.
 */
class GatewayClientClockTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScriptedTransport transport = new ScriptedTransport();
    private final ClientProbe probe = new ClientProbe();
    private GatewayClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** A server that answers nothing unless the test says so; records what the client sends. */
    static final class ScriptedTransport implements GatewayTransport {
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile Listener listener;
        volatile boolean extended;
        volatile int connects;
        volatile String abortReason;

        @Override
        public Connection connect(URI uri, Map<String, String> headers, Duration timeout, Listener l) {
            listener = l;
            connects++;
            return new Connection() {
                @Override
                public boolean send(String text) {
                    sent.add(text);
                    return true;
                }

                @Override
                public void sendPing() {
                    // WebSocket-level: not part of the application heartbeat
                }

                @Override
                public boolean extended() {
                    return extended;
                }

                @Override
                public void abort(String reason) {
                    abortReason = reason;
                    l.onClosed(1006, reason, false);
                }

                @Override
                public void close() {
                    l.onClosed(1000, "", false);
                }
            };
        }

        long count(String type) {
            return sent.stream().filter(s -> s.startsWith("{\"type\":\"" + type + "\"")).count();
        }
    }

    private void start() {
        GatewayClientConfig config = GatewayClientConfig.of(URI.create("ws://127.0.0.1:9"), "clock")
                .withTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(5))
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(100), 2.0, false, Duration.ofSeconds(60)));
        client = new GatewayClient(config, transport, null, null, clock, probe);
        client.subscribe(Channels.THREATS);
        client.start();
        probe.awaitStatus(GatewayClientTest.T, s -> s.connection().kind() == ConnectionState.Kind.CONNECTED
                && transport.count("subscribe") == 1);
    }

    private void ack() {
        transport.listener.onText("{\"type\":\"subscribed\",\"channel\":\"maximus:threats\",\"data\":{\"channel\":\"maximus:threats\"},"
                + "\"timestamp\":\"2026-01-01T00:00:00\",\"client_id\":\"clock\"}");
        probe.awaitStatus(GatewayClientTest.T, s -> s.subscriptions().get(0).ack() == Ack.ACKED);
    }

    @Test
    void aConnectionWithoutPongForTwoIntervalsIsAbortedWithoutAHandshake() throws Exception {
        start();
        ack();
        assertThat(transport.count("ping")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(15));
        org.awaitility.Awaitility.await().atMost(GatewayClientTest.T).until(() -> transport.count("ping") == 2);
        clock.advance(Duration.ofSeconds(14));
        Thread.sleep(400); // several ticks: 29 s without a pong is not yet dead
        assertThat(client.status().connection().kind()).isEqualTo(ConnectionState.Kind.CONNECTED);
        clock.advance(Duration.ofSeconds(1));
        probe.awaitStatus(GatewayClientTest.T, s -> s.connection().kind() != ConnectionState.Kind.CONNECTED);
        assertThat(probe.statuses).anySatisfy(s -> assertThat(s.connection().reason()).startsWith("no pong for 30 s"));
        assertThat(transport.abortReason).isNotNull();
        // It reconnects by itself and subscribes again, once.
        org.awaitility.Awaitility.await().atMost(GatewayClientTest.T).until(() -> transport.connects == 2
                && transport.count("subscribe") == 2);
    }

    @Test
    void pongsKeepItAliveAndGiveTheRoundTrip() throws Exception {
        start();
        ack();
        clock.advance(Duration.ofMillis(42));
        transport.listener.onText("{\"type\":\"pong\",\"channel\":null,\"data\":null,\"timestamp\":\"2026-01-01T00:00:00\",\"client_id\":\"clock\"}");
        probe.awaitStatus(GatewayClientTest.T, s -> s.rttMillis() == 42);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(15));
            int pings = i + 2;
            org.awaitility.Awaitility.await().atMost(GatewayClientTest.T).until(() -> transport.count("ping") == pings);
            transport.listener.onText("{\"type\":\"pong\"}");
        }
        Thread.sleep(300);
        assertThat(client.status().connection().kind()).isEqualTo(ConnectionState.Kind.CONNECTED);
        assertThat(transport.connects).isEqualTo(1);
    }

    @Test
    void aMissingAckIsShownAndRetriedNeverAssumed() throws Exception {
        start();
        clock.advance(Duration.ofSeconds(4));
        Thread.sleep(300);
        assertThat(client.status().subscriptions()).singleElement().satisfies(s -> assertThat(s.ack()).isEqualTo(Ack.PENDING));
        clock.advance(Duration.ofSeconds(1));
        probe.awaitStatus(GatewayClientTest.T, s -> s.subscriptions().get(0).ack() == Ack.MISSING);
        org.awaitility.Awaitility.await().atMost(GatewayClientTest.T).until(() -> transport.count("subscribe") == 2);
        assertThat(client.status().subscriptions().get(0).attempts()).isEqualTo(2);
        transport.listener.onText("{\"type\":\"subscribed\",\"channel\":\"maximus:threats\",\"data\":{\"channel\":\"maximus:threats\"},"
                + "\"timestamp\":\"2026-01-01T00:00:05\",\"client_id\":\"clock\"}");
        probe.awaitStatus(GatewayClientTest.T, s -> s.subscriptions().get(0).ack() == Ack.ACKED);
        clock.advance(Duration.ofSeconds(20)); // 25 s since the only ping: still alive, and no more retries
        Thread.sleep(300);
        assertThat(transport.count("subscribe")).isEqualTo(2);
        assertThat(transport.connects).isEqualTo(1);
    }

    @Test
    void everyFrameItSendsHasTheFiveKeysInOrderAndAKnownTypeAndChannel() throws Exception {
        start();
        client.subscribe(Channels.TASKS);
        client.unsubscribe(Channels.TASKS);
        client.subscribe(Channels.AI);
        clock.advance(Duration.ofSeconds(31));
        org.awaitility.Awaitility.await().atMost(GatewayClientTest.T).until(() -> transport.connects >= 2);
        FrameCodec codec = FrameCodec.create();
        assertThat(transport.sent).isNotEmpty().allSatisfy(text -> {
            assertThat(codec.hasBaseShape(text)).as(text).isTrue();
            GatewayFrame f = codec.decode(text);
            assertThat(f.type()).isIn("ping", "subscribe", "unsubscribe");
            if (!f.type().equals("ping")) {
                assertThat(Channels.isKnown(f.channel())).isTrue();
            }
            assertThat(f.data()).isNull(); // a legacy server gets no recovery request
            assertThat(f.instant()).isNotNull();
        });
    }

    @Test
    void invalidOversizedAndUnknownInboundFramesAreCountedAndTheConnectionKept() throws Exception {
        start();
        transport.listener.onText("{broken");
        transport.listener.onText("[1]");
        transport.listener.onText("{\"type\":\"x\",\"data\":5}");
        transport.listener.onText("{\"type\":\"mystery\",\"channel\":\"maximus:ai\",\"data\":{}}");
        transport.listener.onText("{\"type\":\"threat_alert\",\"channel\":\"maximus:threats\",\"data\":{\"pad\":\""
                + "x".repeat(1 << 20) + "\"}}");
        transport.listener.onBinary(10);
        var s = probe.awaitStatus(GatewayClientTest.T, x -> x.counters().binary() == 1);
        assertThat(s.counters().invalid()).isEqualTo(3);
        assertThat(s.counters().oversized()).isEqualTo(1);
        assertThat(s.counters().unknownTypes()).isEqualTo(1);
        assertThat(s.connection().kind()).isEqualTo(ConnectionState.Kind.CONNECTED);
        assertThat(transport.connects).isEqualTo(1);
    }
}
