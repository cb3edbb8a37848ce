package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.client.GatewayClientConfig;
import dev.bulwark.gateway.client.GatewayClients;
import dev.bulwark.gateway.client.GatewayStatus;
import dev.bulwark.gateway.client.GatewayStatus.Recovery;
import dev.bulwark.gateway.client.RedisPublisher;
import dev.bulwark.gateway.server.GatewayServer;
import dev.bulwark.gateway.server.GatewayServerConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.testsupport.RedisServerSupport;
import dev.bulwark.util.reconnect.Backoff;
import dev.bulwark.util.reconnect.ConnectionState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with an independent implementation of the existing gateway and of a legacy client (Python,
 * Debian's python3-websockets, src/test/resources/gateway), and between instances sharing one real redis-server.
 */
class GatewayInteropTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), 2.0, true, Duration.ofSeconds(60));
    @TempDir
    Path tmp;

    private static GatewayServer bulwark(String redis) throws Exception {
        GatewayServer s = new GatewayServer(GatewayServerConfig.defaults(0).withRedis(redis), Clock.systemUTC(), TimeSource.system());
        s.start();
        return s;
    }

    private static String payload(String channel, String type, String marker) {
        // Non-ASCII, a decimal with a trailing zero and an exponent: any re-encoding would show.
        return "{\"type\":\"" + type + "\",\"channel\":\"" + channel + "\",\"data\":{\"m\":\"" + marker
                + "\",\"t\":\"Olá — 日本\",\"x\":1.50,\"e\":1e-05},\"timestamp\":\"2025-10-11T12:00:00.123456\",\"client_id\":null}";
    }

    private static String dataLine(GatewayProcesses.Proc client, String marker) throws InterruptedException {
        while (true) {
            String l = client.next(T);
            if (l.contains(marker)) {
                return l;
            }
        }
    }

    @Test
    void aLegacyClientSeesTheSameBytesFromBulwarkAsFromTheExistingGateway() throws Exception {
        String redis = RedisServerSupport.uri();
        try (GatewayProcesses.Proc legacyGw = GatewayProcesses.legacyGateway("--redis", redis);
             GatewayServer ours = bulwark(redis);
             RedisPublisher publisher = new RedisPublisher(redis);
             GatewayProcesses.Proc viaLegacy = GatewayProcesses.legacyClient("ws://127.0.0.1:" + legacyGw.port, "py1",
                     "--channel", Channels.THREATS, "--count", "1", "--timeout", "20");
             GatewayProcesses.Proc viaOurs = GatewayProcesses.legacyClient("ws://127.0.0.1:" + ours.port(), "py2",
                     "--channel", Channels.THREATS, "--count", "1", "--timeout", "20")) {
            String infoA = viaLegacy.next(T);
            String infoB = viaOurs.next(T);
            assertThat(infoB.replaceAll("\"timestamp\":\"[^\"]+\"", "").replace("py2", "py1"))
                    .isEqualTo(infoA.replaceAll("\"timestamp\":\"[^\"]+\"", ""));
            String ackA = viaLegacy.next(T);
            String ackB = viaOurs.next(T);
            assertThat(ackB.replaceAll("\"timestamp\":\"[^\"]+\"", "").replace("py2", "py1"))
                    .isEqualTo(ackA.replaceAll("\"timestamp\":\"[^\"]+\"", ""));
            org.awaitility.Awaitility.await().atMost(T).until(() -> ours.subscribers(Channels.THREATS) == 1);
            Thread.sleep(500); // the Python gateway's subscription is not observable: give it a moment
            String p = payload(Channels.THREATS, "threat_alert", "same-bytes-" + System.nanoTime());
            publisher.publish(p);
            String a = dataLine(viaLegacy, "same-bytes-");
            String b = dataLine(viaOurs, "same-bytes-");
            assertThat(a).isEqualTo(p);
            assertThat(b).isEqualTo(p);
            assertThat(viaLegacy.await(T)).isZero();
            assertThat(viaOurs.await(T)).isZero();
        }
    }

    @Test
    void bulwarkAndTheExistingGatewayOnOneRedisDeliverEachOthersMessages() throws Exception {
        String redis = RedisServerSupport.uri();
        try (GatewayProcesses.Proc legacyGw = GatewayProcesses.legacyGateway("--redis", redis, "--demo-interval", "0.5");
             GatewayServer ours = bulwark(redis);
             GatewayProcesses.Proc pyOnLegacy = GatewayProcesses.legacyClient("ws://127.0.0.1:" + legacyGw.port, "py",
                     "--channel", Channels.TASKS, "--timeout", "20")) {
            ClientProbe probe = new ClientProbe();
            try (GatewayClients.Owned c = GatewayClients.open(GatewayClientConfig.of(URI.create("ws://127.0.0.1:" + ours.port()),
                    "java").withBackoff(FAST), null, Clock.systemUTC(), probe)) {
                c.client().subscribe(Channels.THREATS);
                c.client().start();
                // The existing gateway's own messages (its demo alerts, published to Redis) reach Bulwark's client...
                org.awaitility.Awaitility.await().atMost(T).until(() -> probe.messages.stream()
                        .anyMatch(m -> "legacy-demo".equals(m.frame().dataText("source"))));
                assertThat(probe.messages.get(probe.messages.size() - 1).frame().offset()).isNotNull();
                // ... and Bulwark's POST /publish reaches the existing gateway's client.
                pyOnLegacy.next(T);
                pyOnLegacy.next(T);
                Thread.sleep(300);
                String marker = "from-bulwark-" + System.nanoTime();
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + ours.port() + "/publish"))
                        .POST(HttpRequest.BodyPublishers.ofString(payload(Channels.TASKS, "task_update", marker))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(202);
                assertThat(dataLine(pyOnLegacy, marker)).isEqualTo(payload(Channels.TASKS, "task_update", marker));
            }
        }
    }

    @Test
    void twoBulwarkInstancesOnOneRedisDeliverEveryMessageWithTheSameOffsets() throws Exception {
        String redis = RedisServerSupport.uri();
        try (GatewayServer a = bulwark(redis); GatewayServer b = bulwark(redis)) {
            ClientProbe onA = new ClientProbe();
            ClientProbe onB = new ClientProbe();
            try (GatewayClients.Owned ca = GatewayClients.open(GatewayClientConfig.of(URI.create("ws://127.0.0.1:" + a.port()), "a"),
                    null, Clock.systemUTC(), onA);
                 GatewayClients.Owned cb = GatewayClients.open(GatewayClientConfig.of(URI.create("ws://127.0.0.1:" + b.port()), "b"),
                         null, Clock.systemUTC(), onB)) {
                for (var c : List.of(ca, cb)) {
                    c.client().subscribe(Channels.CONSCIOUSNESS);
                    c.client().start();
                }
                onA.awaitStatus(T, s -> ClientProbe.acked(s, Channels.CONSCIOUSNESS));
                onB.awaitStatus(T, s -> ClientProbe.acked(s, Channels.CONSCIOUSNESS));
                String run = Long.toString(System.nanoTime());
                for (int i = 0; i < 200; i++) {
                    (i % 2 == 0 ? a : b).publish(Channels.CONSCIOUSNESS, "{\"type\":\"consciousness_metric\",\"channel\":"
                            + "\"maximus:consciousness\",\"data\":{\"i\":" + i + ",\"run\":\"" + run + "\"},\"timestamp\":"
                            + "\"2026-01-01T00:00:00\",\"client_id\":null}");
                }
                onA.awaitMessages(T, 200);
                onB.awaitMessages(T, 200);
                Thread.sleep(300);
                assertThat(onA.messages).hasSize(200);
                assertThat(onB.messages).hasSize(200);
                assertThat(onA.messages.stream().map(m -> m.frame().offset()).toList())
                        .isEqualTo(onB.messages.stream().map(m -> m.frame().offset()).toList())
                        .isSorted().doesNotHaveDuplicates();
                assertThat(onA.messages.stream().map(m -> m.frame().data().path("i").asInt()).sorted().toList())
                        .isEqualTo(java.util.stream.IntStream.range(0, 200).boxed().toList());
                assertThat(a.redisConnected()).isTrue();
            }
        }
    }

    @Test
    void againstTheExistingGatewayTheClientStaysBaseProtocolAndReportsTheGapAfterARestart() throws Exception {
        String redis = RedisServerSupport.uri();
        Path frames = tmp.resolve("frames.log");
        GatewayProcesses.Proc legacyGw = GatewayProcesses.legacyGateway("--redis", redis, "--log-frames", frames.toString());
        int port = legacyGw.port;
        ClientProbe probe = new ClientProbe();
        try (RedisPublisher publisher = new RedisPublisher(redis);
             GatewayClients.Owned c = GatewayClients.open(GatewayClientConfig.of(URI.create("ws://127.0.0.1:" + port), "legacy-peer")
                     .withBackoff(FAST).withTimings(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(2)),
                     null, Clock.systemUTC(), probe)) {
            c.client().subscribe(Channels.AI);
            c.client().start();
            GatewayStatus up = probe.awaitStatus(T, s -> ClientProbe.acked(s, Channels.AI) && s.rttMillis() >= 0);
            assertThat(up.extended()).isFalse();
            Thread.sleep(300);
            publisher.publish(payload(Channels.AI, "maximus_stream", "one"));
            probe.awaitMessages(T, 1);
            assertThat(probe.messages.get(0).frame().offset()).isNull();
            legacyGw.signal("KILL");
            legacyGw.await(T);
            probe.awaitStatus(T, s -> s.connection().kind() != ConnectionState.Kind.CONNECTED);
            Thread.sleep(1200);
            legacyGw = GatewayProcesses.legacyGateway("--port", Integer.toString(port), "--redis", redis, "--log-frames", frames.toString());
            GatewayStatus back = probe.awaitStatus(T, s -> ClientProbe.acked(s, Channels.AI));
            assertThat(back.recovery().kind()).isEqualTo(Recovery.Kind.GAP);
            assertThat(back.recovery().describe()).matches("gap: [1-9]\\d* s \\(server without recovery: messages may have been missed\\)");
            // What the existing gateway received: nothing it could reject (it would have closed the connection).
            FrameCodec codec = FrameCodec.create();
            List<String> sent = Files.readAllLines(frames);
            assertThat(sent).isNotEmpty().allSatisfy(text -> {
                assertThat(codec.hasBaseShape(text)).as(text).isTrue();
                assertThat(codec.decode(text).data()).isNull();
            });
            assertThat(sent.stream().filter(t -> t.contains("\"subscribe\"")).count()).isEqualTo(2);
        } finally {
            legacyGw.close();
        }
    }
}
