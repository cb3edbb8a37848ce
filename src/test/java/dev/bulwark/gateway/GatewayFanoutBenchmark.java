package dev.bulwark.gateway;

import dev.bulwark.gateway.client.GatewayClientConfig;
import dev.bulwark.gateway.client.GatewayClients;
import dev.bulwark.gateway.server.GatewayServer;
import dev.bulwark.gateway.server.GatewayServerConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.testsupport.RedisServerSupport;
import dev.bulwark.testsupport.Requirements;
import dev.bulwark.util.reconnect.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fan-out on this machine: {@value #CLIENTS} subscribed clients, {@value #RATE} messages/s published through
 * {@code POST /publish} for {@code bulwark.bench.seconds} (default 30) s, through one Bulwark instance, two instances
 * sharing one redis-server (clients split between them, publishing to the first), and, in the same run, a minimal
 * Node {@code ws} broadcast server under the same load as the baseline. Prints delivery latency p50/p99/max and
 * loss for each, then the time to replay 1,000 missed messages. Servers run as their own processes with the
 * shipped launcher's JVM options; the clients share this JVM. {@code ./mvnw -Pbench verify -Dtest=GatewayFanoutBenchmark}
 */
@Tag("bench")
class GatewayFanoutBenchmark {
    static final int CLIENTS = 100;
    static final int RATE = 1000;
    static final int SECONDS = Integer.getInteger("bulwark.bench.seconds", 30);
    @TempDir
    Path tmp;

    /** A subscriber recording the latency of every message it gets (from the {@code sent} nanoTime in its data). */
    static final class Sink extends WebSocketClient {
        final long[] latencies = new long[RATE * (SECONDS + 5)];
        final AtomicLong count = new AtomicLong();
        final java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);

        Sink(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake h) {
            send("{\"type\":\"subscribe\",\"channel\":\"maximus:tasks\",\"data\":null,\"timestamp\":null,\"client_id\":null}");
        }

        @Override
        public void onMessage(String m) {
            long now = System.nanoTime();
            int at = m.indexOf("\"sent\":");
            if (at < 0) {
                if (m.contains("\"subscribed\"")) {
                    subscribed.countDown();
                }
                return;
            }
            int end = at + 7;
            while (end < m.length() && Character.isDigit(m.charAt(end))) {
                end++;
            }
            long n = count.getAndIncrement();
            if (n < latencies.length) {
                latencies[(int) n] = now - Long.parseLong(m, at + 7, end, 10);
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            // counted as loss if it happens during the run
        }

        @Override
        public void onError(Exception ex) {
            // as above
        }
    }

    record Result(String name, long published, long expected, long received, double p50, double p99, double max) {
        String line() {
            return String.format("%-34s published %6d  delivered %8d of %8d  loss %5d  latency p50 %6.2f ms  p99 %7.2f ms  max %8.2f ms",
                    name, published, received, expected, expected - received, p50, p99, max);
        }
    }

    private Result run(String name, List<Integer> clientPorts, int publishPort) throws Exception {
        List<Sink> sinks = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Sink s = new Sink(URI.create("ws://127.0.0.1:" + clientPorts.get(i % clientPorts.size()) + "/ws/bench-" + i));
            s.connectBlocking(10, TimeUnit.SECONDS);
            sinks.add(s);
        }
        for (Sink s : sinks) {
            if (!s.subscribed.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError(name + ": a client got no subscribed ack");
            }
        }
        Thread.sleep(1000);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        URI publish = URI.create("http://127.0.0.1:" + publishPort + "/publish");
        long total = (long) RATE * SECONDS;
        AtomicLong published = new AtomicLong();
        long start = System.nanoTime();
        // Four paced publishers: one request every 4 ms each, so a slow answer delays only its own next one.
        try (ExecutorService pubs = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int p = 0; p < 4; p++) {
                int lane = p;
                pubs.submit(() -> {
                    for (long k = lane; k < total; k += 4) {
                        long due = start + k * 1_000_000L;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        String body = "{\"type\":\"task_update\",\"channel\":\"maximus:tasks\",\"data\":{\"seq\":" + k
                                + ",\"sent\":" + System.nanoTime() + "}}";
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(publish)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() / 100 == 2) {
                            published.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        Thread.sleep(3000); // drain
        long expected = published.get() * CLIENTS;
        long received = 0;
        List<Long> all = new ArrayList<>();
        for (Sink s : sinks) {
            long n = Math.min(s.count.get(), s.latencies.length);
            received += s.count.get();
            for (int i = 0; i < n; i++) {
                all.add(s.latencies[i]);
            }
            s.closeBlocking();
        }
        http.close();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2] / 1e6;
        double p99 = sorted.length == 0 ? Double.NaN : sorted[(int) (sorted.length * 0.99)] / 1e6;
        double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
        Result r = new Result(name, published.get(), expected, received, p50, p99, max);
        System.out.println("[gateway-bench] " + r.line());
        return r;
    }

    private GatewayProcesses.Proc node() throws IOException, InterruptedException {
        Path dir = tmp.resolve("node");
        Files.createDirectories(dir);
        for (String f : List.of("baseline_ws_server.js", "package.json")) {
            Files.copy(GatewayProcesses.script(f), dir.resolve(f));
        }
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Requirements.missing("npm is not installed: the Node baseline cannot run");
            return null;
        }
        String out = new String(npm.getInputStream().readAllBytes());
        if (npm.waitFor() != 0) {
            Requirements.missing("npm install ws failed: " + out);
        }
        GatewayProcesses.Proc p = new GatewayProcesses.Proc(new ProcessBuilder("node", dir.resolve("baseline_ws_server.js").toString(),
                "--port", "0").redirectError(ProcessBuilder.Redirect.INHERIT).start());
        String ready = p.next(Duration.ofSeconds(20));
        p.port = Integer.parseInt(ready.substring(6).strip());
        return p;
    }

    @Test
    void fanOutAgainstTheNodeBaseline() throws Exception {
        List<Result> results = new ArrayList<>();
        try (GatewayProcesses.Proc one = GatewayProcesses.bulwarkServer(0, "--history", "1000")) {
            results.add(run("bulwark, one instance", List.of(one.port), one.port));
        }
        String redis = RedisServerSupport.uri();
        try (GatewayProcesses.Proc a = GatewayProcesses.bulwarkServer(0, "--redis", redis);
             GatewayProcesses.Proc b = GatewayProcesses.bulwarkServer(0, "--redis", redis)) {
            results.add(run("bulwark, two instances on redis", List.of(a.port, b.port), a.port));
        }
        try (GatewayProcesses.Proc n = node()) {
            results.add(run("node ws broadcast (baseline)", List.of(n.port), n.port));
        }
        System.out.println("[gateway-bench] " + CLIENTS + " clients, " + RATE + " msg/s, " + SECONDS + " s on "
                + Runtime.getRuntime().availableProcessors() + " CPUs");
        Result base = results.get(2);
        for (Result r : results.subList(0, 2)) {
            System.out.printf("[gateway-bench] %s against the baseline: p50 x%.2f, p99 x%.2f%n", r.name(), r.p50() / base.p50(),
                    r.p99() / base.p99());
        }
        recovery();
    }

    /** The time to replay 1,000 missed messages to a reconnecting client (in process, through a cut proxy). */
    private void recovery() throws Exception {
        try (GatewayServer server = new GatewayServer(GatewayServerConfig.defaults(0).withHistory(2000), Clock.systemUTC(),
                TimeSource.system()); TcpProxy proxy = newProxy(server)) {
            ClientProbe probe = new ClientProbe();
            GatewayClientConfig config = GatewayClientConfig.of(URI.create("ws://127.0.0.1:" + proxy.port()), "recover")
                    .withBackoff(new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)));
            try (GatewayClients.Owned c = GatewayClients.open(config, null, Clock.systemUTC(), probe)) {
                c.client().subscribe(Channels.TASKS);
                c.client().start();
                probe.awaitStatus(Duration.ofSeconds(10), s -> ClientProbe.acked(s, Channels.TASKS));
                server.publish(Channels.TASKS, "{\"type\":\"task_update\",\"channel\":\"maximus:tasks\",\"data\":{\"i\":0},\"timestamp\":\"2026-01-01T00:00:00\",\"client_id\":null}");
                probe.awaitMessages(Duration.ofSeconds(10), 1);
                proxy.mode(TcpProxy.Mode.DROP);
                probe.awaitStatus(Duration.ofSeconds(10), s -> s.connection().kind() != dev.bulwark.util.reconnect.ConnectionState.Kind.CONNECTED);
                for (int i = 1; i <= 1000; i++) {
                    server.publish(Channels.TASKS, "{\"type\":\"task_update\",\"channel\":\"maximus:tasks\",\"data\":{\"i\":" + i
                            + "},\"timestamp\":\"2026-01-01T00:00:00\",\"client_id\":null}");
                }
                proxy.mode(TcpProxy.Mode.FORWARD);
                long t0 = System.nanoTime();
                c.client().reconnectNow();
                probe.awaitMessages(Duration.ofSeconds(30), 1001);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("[gateway-bench] reconnect + resubscribe + replay of 1000 missed messages: " + ms + " ms (recovered "
                        + c.client().status().counters().recovered() + ", duplicates " + c.client().status().counters().duplicates() + ")");
            }
        }
    }

    private static TcpProxy newProxy(GatewayServer server) throws Exception {
        server.start();
        return new TcpProxy(server.port());
    }

}
