package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.server.GatewayServer;
import dev.bulwark.gateway.server.GatewayServerConfig;
import dev.bulwark.ratelimit.TimeSource;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference server on real sockets (127.0.0.1): protocol, limits, HTTP endpoints, recovery. */
class GatewayServerTest {
    private static final Duration T = Duration.ofSeconds(10);
    private GatewayServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private GatewayServer start(GatewayServerConfig config) throws Exception {
        server = new GatewayServer(config, Clock.systemUTC(), TimeSource.system());
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        http.close();
    }

    private static String subscribe(String channel) {
        return "{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"data\":null,\"timestamp\":null,\"client_id\":\"t\"}";
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void welcomesAnswersPingAndAcknowledgesSubscriptionsAsTheExistingGatewayDoes() throws Exception {
        start(GatewayServerConfig.defaults(0));
        RawWs c = RawWs.open(server.port(), "alice", Map.of(), false);
        assertThat(c.next(T)).startsWith("{\"type\":\"info\",\"channel\":null,\"data\":{\"message\":\"Connected to MAXIMUS WebSocket Gateway\"},\"timestamp\":\"")
                .endsWith("\",\"client_id\":\"alice\"}");
        c.send("{\"type\":\"ping\"}");
        assertThat(c.next(T)).matches("\\{\"type\":\"pong\",\"channel\":null,\"data\":null,\"timestamp\":\"[0-9T:.-]+\",\"client_id\":\"alice\"}");
        c.send(subscribe(Channels.THREATS));
        assertThat(c.next(T)).startsWith("{\"type\":\"subscribed\",\"channel\":\"maximus:threats\",\"data\":{\"channel\":\"maximus:threats\"},");
        assertThat(c.handshakeRecovery).isNullOrEmpty();
        c.send("{\"type\":\"whatever\"}");
        assertThat(c.next(T)).contains("\"type\":\"error\"").contains("Unknown message type: whatever");
        c.send("{\"type\":\"ping\"}");
        assertThat(c.next(T)).contains("\"pong\""); // an unknown type does not end the connection

        assertThat(post("/publish", "{\"type\":\"threat_alert\",\"channel\":\"maximus:threats\",\"data\":{\"s\":\"high\"}}", Map.of())
                .statusCode()).isEqualTo(202);
        assertThat(c.next(T)).startsWith("{\"type\":\"threat_alert\",\"channel\":\"maximus:threats\",\"data\":{\"s\":\"high\"},\"timestamp\":\"")
                .endsWith("\",\"client_id\":null}");
        c.send("{\"type\":\"unsubscribe\",\"channel\":\"maximus:threats\"}");
        assertThat(c.nextOfType("unsubscribed", T)).contains("\"data\":{\"channel\":\"maximus:threats\"}");
        post("/publish", "{\"type\":\"threat_alert\",\"channel\":\"maximus:threats\",\"data\":{}}", Map.of());
        c.send("{\"type\":\"ping\"}");
        assertThat(c.next(T)).contains("\"pong\""); // nothing on the unsubscribed channel came first
        c.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"type\":\"subscribe\",\"channel\":\"maximus:nope\"}",
            "{\"type\":\"subscribe\",\"channel\":\"maximus:ai\",\"data\":[1]}", "[1]"})
    void aFrameItCannotValidateEndsTheConnectionLikeTheExistingGateway(String bad) throws Exception {
        start(GatewayServerConfig.defaults(0));
        RawWs c = RawWs.open(server.port(), "bad", Map.of(), false);
        c.next(T);
        c.send(bad);
        assertThat(c.awaitClose(T)).isTrue();
        assertThat(c.closeCode).isIn(1003, 1008);
        assertThat(server.statsSnapshot().framesInvalid()).isEqualTo(1);
    }

    @Test
    void binaryFramesEndTheConnection() throws Exception {
        start(GatewayServerConfig.defaults(0));
        RawWs c = RawWs.open(server.port(), "bin", Map.of(), false);
        c.next(T);
        c.send(new byte[] {1, 2, 3});
        assertThat(c.awaitClose(T)).isTrue();
        assertThat(c.closeCode).isEqualTo(1003);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void framesOverTheLimitAreRefusedWithAndWithoutPermessageDeflate(boolean deflate) throws Exception {
        start(GatewayServerConfig.defaults(0));
        RawWs ok = RawWs.open(server.port(), "ok", Map.of(), deflate);
        ok.next(T);
        // Just under 1 MiB is served (an unknown type: an error reply, connection kept).
        ok.send("{\"type\":\"x\",\"data\":{\"pad\":\"" + "a".repeat((1 << 20) - 64) + "\"}}");
        assertThat(ok.nextOfType("error", T)).contains("Unknown message type: x");
        RawWs big = RawWs.open(server.port(), "big", Map.of(), deflate);
        big.next(T);
        big.send("{\"type\":\"x\",\"data\":{\"pad\":\"" + "a".repeat(1 << 20) + "\"}}");
        assertThat(big.awaitClose(T)).isTrue();
        assertThat(big.closeCode).isEqualTo(1009);
        ok.send("{\"type\":\"ping\"}");
        assertThat(ok.nextOfType("pong", T)).isNotNull();
    }

    @Test
    void healthSaysHowItDistributes() throws Exception {
        start(GatewayServerConfig.defaults(0));
        RawWs c = RawWs.open(server.port(), "h", Map.of(), false);
        c.next(T);
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"healthy\",\"active_connections\":1,\"redis_connected\":false,"
                + "\"distribution\":\"in-process\",\"events\":true}");
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(get("/publish").statusCode()).isEqualTo(405);
    }

    @Test
    void publishNeedsTheTokenWhenOneIsSetAndValidatesTheFrame() throws Exception {
        start(GatewayServerConfig.defaults(0).withToken("s3cret"));
        String frame = "{\"type\":\"task_update\",\"channel\":\"maximus:tasks\",\"data\":{\"id\":1}}";
        assertThat(post("/publish", frame, Map.of()).statusCode()).isEqualTo(401);
        assertThat(post("/publish", frame, Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
        assertThat(post("/publish", frame, Map.of("Authorization", "Bearer s3cret")).statusCode()).isEqualTo(202);
        assertThat(post("/publish", "{\"type\":\"x\",\"channel\":\"maximus:nope\"}", Map.of("Authorization", "Bearer s3cret"))
                .body()).contains("unknown channel");
        assertThat(post("/publish", "{\"type\":\"x\",\"channel\":\"maximus:ai\",\"data\":7}", Map.of("Authorization", "Bearer s3cret"))
                .statusCode()).isEqualTo(400);
        // So do long-polls (they read the same messages) and WebSocket clients; /health stays open, as it is.
        assertThat(get("/events?channels=maximus:tasks&wait=0").statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/events?channels=maximus:tasks&wait=0")).header("Authorization", "Bearer s3cret").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        RawWs anonymous = new RawWs(URI.create("ws://127.0.0.1:" + server.port() + "/ws/x"), Map.of(), false);
        assertThat(anonymous.connectBlocking(5, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
        RawWs withToken = RawWs.open(server.port(), "y", Map.of("Authorization", "Bearer s3cret"), false);
        assertThat(withToken.next(T)).contains("\"info\"");
    }

    @Test
    void originsOutsideTheAllowListAreRefused() throws Exception {
        start(GatewayServerConfig.defaults(0).withOrigins(Set.of("https://ops.example")));
        RawWs evil = new RawWs(URI.create("ws://127.0.0.1:" + server.port() + "/ws/x"), Map.of("Origin", "https://evil.example"), false);
        assertThat(evil.connectBlocking(5, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
        RawWs good = RawWs.open(server.port(), "g", Map.of("Origin", "https://ops.example"), false);
        assertThat(good.next(T)).contains("\"info\"");
        RawWs cli = RawWs.open(server.port(), "c", Map.of(), false); // no Origin: not a browser
        assertThat(cli.next(T)).contains("\"info\"");
    }

    @Test
    void aFloodIsRateLimitedWithOneErrorASecondAndTheConnectionKept() throws Exception {
        start(GatewayServerConfig.defaults(0).withLimits(1 << 20, 20, 10_000));
        RawWs c = RawWs.open(server.port(), "flood", Map.of(), false);
        c.next(T);
        for (int i = 0; i < 200; i++) {
            c.send("{\"type\":\"ping\"}");
        }
        int pongs = 0;
        int errors = 0;
        for (String f; (f = c.frames.poll(1500, java.util.concurrent.TimeUnit.MILLISECONDS)) != null; ) {
            if (f.contains("\"pong\"")) {
                pongs++;
            } else if (f.contains("rate limit exceeded")) {
                errors++;
            }
        }
        assertThat(pongs).isBetween(40, 60); // the burst of 2 x 20, plus what refilled meanwhile
        assertThat(errors).isBetween(1, 3);
        assertThat(server.statsSnapshot().framesRateLimited()).isEqualTo(200 - pongs);
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void aSlowConsumerIsDroppedWithoutStallingTheOthers() throws Exception {
        start(GatewayServerConfig.defaults(0).withLimits(1 << 20, 100, 64));
        // A client that completes the handshake and subscribes, then never reads again.
        Socket slow = new Socket("127.0.0.1", server.port());
        slow.setReceiveBufferSize(4096);
        OutputStream out = slow.getOutputStream();
        out.write(("GET /ws/slow HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] sub = subscribe(Channels.TASKS).getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[6 + sub.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | sub.length);
        for (int i = 0; i < sub.length; i++) {
            frame[6 + i] = sub[i]; // mask key 0: the payload is unchanged
        }
        out.write(frame);
        out.flush();
        RawWs fast = RawWs.open(server.port(), "fast", Map.of(), false);
        fast.next(T);
        fast.send(subscribe(Channels.TASKS));
        fast.nextOfType("subscribed", T);
        org.awaitility.Awaitility.await().atMost(T).until(() -> server.subscribers(Channels.TASKS) == 2);
        String pad = "x".repeat(16 * 1024);
        int n = 400;
        for (int i = 0; i < n; i++) {
            assertThat(post("/publish", "{\"type\":\"task_update\",\"channel\":\"maximus:tasks\",\"data\":{\"i\":" + i
                    + ",\"pad\":\"" + pad + "\"}}", Map.of()).statusCode()).isEqualTo(202);
        }
        for (int i = 0; i < n; i++) {
            assertThat(fast.nextOfType("task_update", T)).contains("{\"i\":" + i + ",");
        }
        org.awaitility.Awaitility.await().atMost(T).until(() -> server.statsSnapshot().slowConsumersDropped() == 1);
        assertThat(server.subscribers(Channels.TASKS)).isEqualTo(1);
        org.awaitility.Awaitility.await().atMost(T).until(() -> server.activeConnections() == 1);
        // Not drained here: the server closed a socket whose peer advertises a zero window, and the kernel's
        // persist timer would take minutes to notice reading resumed.
        slow.close();
    }

    @Test
    void anExtendedClientRecoversWhatItMissedInOrderWithoutDuplicates() throws Exception {
        start(GatewayServerConfig.defaults(0).withHistory(100));
        Map<String, String> ext = Map.of("X-Bulwark-Recovery", "1");
        RawWs first = RawWs.open(server.port(), "r", ext, false);
        assertThat(first.handshakeRecovery).isEqualTo("1");
        first.next(T);
        first.send(subscribe(Channels.THREATS));
        String ack = first.nextOfType("subscribed", T);
        assertThat(ack).contains("\"offset\":\"0-0\"").doesNotContain("recovered");
        for (int i = 1; i <= 3; i++) {
            post("/publish", "{\"type\":\"threat_alert\",\"channel\":\"maximus:threats\",\"data\":{\"i\":" + i + "}}", Map.of());
        }
        String third = null;
        for (int i = 1; i <= 3; i++) {
            third = first.nextOfType("threat_alert", T);
            assertThat(third).contains("{\"i\":" + i + "}").contains("\"offset\":\"0-" + i + "\"");
        }
        String epoch = FrameCodec.create().decode(third).epoch();
        first.closeBlocking();
        for (int i = 4; i <= 8; i++) {
            post("/publish", "{\"type\":\"threat_alert\",\"channel\":\"maximus:threats\",\"data\":{\"i\":" + i + "}}", Map.of());
        }
        RawWs again = RawWs.open(server.port(), "r", ext, false);
        again.next(T);
        again.send("{\"type\":\"subscribe\",\"channel\":\"maximus:threats\",\"data\":{\"recover\":{\"epoch\":\"" + epoch
                + "\",\"offset\":\"0-3\"}},\"timestamp\":null,\"client_id\":\"r\"}");
        assertThat(again.nextOfType("subscribed", T)).contains("\"recovered\":true").contains("\"offset\":\"0-8\"");
        for (int i = 4; i <= 8; i++) {
            assertThat(again.next(T)).contains("{\"i\":" + i + "}");
        }
        post("/publish", "{\"type\":\"threat_alert\",\"channel\":\"maximus:threats\",\"data\":{\"i\":9}}", Map.of());
        assertThat(again.next(T)).contains("{\"i\":9}");
        // A stale epoch or a position older than the history: said plainly.
        RawWs stale = RawWs.open(server.port(), "s", ext, false);
        stale.next(T);
        stale.send("{\"type\":\"subscribe\",\"channel\":\"maximus:threats\",\"data\":{\"recover\":{\"epoch\":\"old\",\"offset\":\"0-1\"}}}");
        assertThat(stale.nextOfType("subscribed", T)).contains("\"recovered\":false").contains("\"reason\":\"epoch changed\"");
    }

    @Test
    void aLegacyClientGetsByteIdenticalFramesNextToAnExtendedOne() throws Exception {
        start(GatewayServerConfig.defaults(0));
        RawWs legacy = RawWs.open(server.port(), "l", Map.of(), false);
        RawWs ext = RawWs.open(server.port(), "e", Map.of("X-Bulwark-Recovery", "1"), false);
        for (RawWs c : new RawWs[] {legacy, ext}) {
            c.next(T);
            c.send(subscribe(Channels.AI));
            c.nextOfType("subscribed", T);
        }
        String published = "{\"type\":\"maximus_stream\",\"channel\":\"maximus:ai\",\"data\":{\"t\":\"Olá\",\"x\":1.50},"
                + "\"timestamp\":\"2025-10-11T12:00:00.123456\",\"client_id\":null}";
        post("/publish", published, Map.of());
        assertThat(legacy.next(T)).isEqualTo(published);
        String e = ext.next(T);
        assertThat(e).startsWith(published.substring(0, published.length() - 1) + ",\"offset\":\"0-1\",\"epoch\":\"");
    }

    @Test
    void longPollingReturnsMessagesAfterAPositionAndWaitsForNewOnes() throws Exception {
        start(GatewayServerConfig.defaults(0));
        HttpResponse<String> empty = get("/events?channels=maximus:tasks&after=&wait=0");
        assertThat(empty.body()).contains("\"messages\":[]").contains("\"offset\":\"0-0\"");
        String epoch = empty.body().replaceAll(".*\"epoch\":\"([^\"]+)\".*", "$1");
        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return get("/events?channels=maximus:tasks&after=" + epoch + "@0-0&wait=10").body();
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });
        Thread.sleep(300);
        post("/publish", "{\"type\":\"task_update\",\"channel\":\"maximus:tasks\",\"data\":{\"id\":7}}", Map.of());
        String body = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(body).contains("{\"id\":7}").contains("\"offset\":\"0-1\"");
        assertThat(get("/events?channels=maximus:nope").statusCode()).isEqualTo(400);
        assertThat(get("/events?channels=maximus:tasks&after=stale@0-0&wait=0").body()).contains("\"gaps\":{\"maximus:tasks\":\"epoch changed\"}");
    }
}
