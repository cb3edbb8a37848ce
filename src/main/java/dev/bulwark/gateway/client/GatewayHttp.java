package dev.bulwark.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The gateway's plain HTTP side, as a client: {@code GET /health}, {@code GET /events} (long-poll) and
 * {@code POST /publish}. TLS verifies host names (the JDK client's default, never turned off here).
 */
public final class GatewayHttp implements AutoCloseable {
    private final HttpClient http;
    private final URI base;
    private final Supplier<String> token;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param base  {@code http[s]://host:port}
     * @param token the bearer token (read on every request), or a supplier of null
     */
    public GatewayHttp(URI base, SSLContext tls, Supplier<String> token, Executor executor) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10))
                .executor(executor).build();
    }

    /** What {@code /health} says. */
    public record Health(String status, int activeConnections, boolean redisConnected, boolean events) {
    }

    /** {@code GET /health}; fails when the server does not answer 200 with the expected JSON. */
    public Health health(Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request("/health", timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/health answered HTTP " + r.statusCode());
        }
        JsonNode n = mapper.readTree(r.body());
        if (!n.path("status").isTextual()) {
            throw new IOException("/health answered without a status");
        }
        return new Health(n.path("status").asText(), n.path("active_connections").asInt(),
                n.path("redis_connected").asBoolean(), n.path("events").asBoolean(false));
    }

    /** One long-poll answer: raw frame texts, positions per channel (epoch@offset), and gaps per channel. */
    public record Events(List<String> frames, java.util.Map<String, String> positions, java.util.Map<String, String> gaps) {
    }

    /**
     * {@code GET /events}.
     *
     * @param after per channel {@code epoch@offset}, or "" for "from now"
     */
    public Events events(List<String> channels, List<String> after, int waitSeconds) throws IOException, InterruptedException {
        String q = "/events?channels=" + enc(String.join(",", channels)) + "&after=" + enc(String.join(",", after))
                + "&wait=" + waitSeconds;
        HttpResponse<String> r = http.send(request(q, Duration.ofSeconds(waitSeconds + 10L)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/events answered HTTP " + r.statusCode() + ": " + r.body());
        }
        JsonNode n = mapper.readTree(r.body());
        List<String> frames = new java.util.ArrayList<>();
        for (JsonNode f : n.path("messages")) {
            frames.add(mapper.writeValueAsString(f));
        }
        java.util.Map<String, String> positions = new java.util.LinkedHashMap<>();
        n.path("positions").fields().forEachRemaining(e -> positions.put(e.getKey(),
                e.getValue().path("epoch").asText() + "@" + e.getValue().path("offset").asText()));
        java.util.Map<String, String> gaps = new java.util.LinkedHashMap<>();
        n.path("gaps").fields().forEachRemaining(e -> gaps.put(e.getKey(), e.getValue().asText()));
        return new Events(frames, positions, gaps);
    }

    /** {@code POST /publish} of one frame's text; fails with the server's reason unless it answers 2xx. */
    public void publish(String frameJson) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request("/publish", Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(frameJson, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            String reason = r.body();
            try {
                reason = mapper.readTree(r.body()).path("error").asText(r.body());
            } catch (IOException e) {
                // not JSON: the raw body is the reason
            }
            throw new IOException("publish refused by " + base + ": HTTP " + r.statusCode() + " " + reason);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout);
        String t = token.get();
        if (t != null && !t.isBlank()) {
            b.header("Authorization", "Bearer " + t.strip());
        }
        return b;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
