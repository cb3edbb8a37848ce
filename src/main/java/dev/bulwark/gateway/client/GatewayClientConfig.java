package dev.bulwark.gateway.client;

import dev.bulwark.util.reconnect.Backoff;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the gateway client connects.
 *
 * @param url              {@code ws[s]://host:port} (gets {@code /ws/<client id>}) or a full {@code .../ws/<id>} URL
 * @param clientId         this installation's client id
 * @param token            the bearer token, read at every connect so it can change without a restart (null or
 *                         blank: none); never logged
 * @param caFile           PEM certificates to trust for {@code wss}/{@code https} besides the system's, or null
 * @param heartbeat        application ping interval; a connection with no pong for two intervals is dead
 * @param connectTimeout   TCP connect plus WebSocket handshake (a frozen server still accepts TCP)
 * @param ackTimeout       how long a subscribe or unsubscribe waits for its acknowledgement before it is retried
 * @param backoff          reconnect delays
 * @param queueCapacity    offline publish queue bound (oldest dropped first)
 * @param queueFile        where the offline queue persists, or null to keep it in memory only
 * @param recovery         offer Bulwark's recovery extension
 * @param maxInboundBytes  inbound frames larger than this are counted and dropped
 * @param pollAfterFailures WebSocket failures in a row, with {@code /health} answering, before polling
 */
public record GatewayClientConfig(URI url, String clientId, Supplier<String> token, Path caFile, Duration heartbeat,
                                  Duration connectTimeout, Duration ackTimeout, Backoff backoff, int queueCapacity,
                                  Path queueFile, boolean recovery, int maxInboundBytes, int pollAfterFailures) {

    /** Validates; messages name the field. */
    public GatewayClientConfig {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("gateway URL must start with ws:// or wss://, was " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("gateway URL has no host: " + url);
        }
        if (clientId == null || clientId.isBlank() || clientId.contains("/")) {
            throw new IllegalArgumentException("client id must be non-empty and contain no '/'");
        }
        token = token == null ? () -> null : token;
        if (heartbeat.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("heartbeat must be at least 100 ms, was " + heartbeat);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + queueCapacity);
        }
        if (pollAfterFailures < 1) {
            throw new IllegalArgumentException("pollAfterFailures must be at least 1");
        }
    }

    /** Defaults: heartbeat 15 s, connect 10 s, ack 5 s, gateway backoff, queue 1000 in memory, recovery on, 1 MiB. */
    public static GatewayClientConfig of(URI url, String clientId) {
        return new GatewayClientConfig(url, clientId, () -> null, null, Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Backoff.gatewayDefaults(), 1000, null, true, 1 << 20, 3);
    }

    public GatewayClientConfig withToken(Supplier<String> t) {
        return new GatewayClientConfig(url, clientId, t, caFile, heartbeat, connectTimeout, ackTimeout, backoff,
                queueCapacity, queueFile, recovery, maxInboundBytes, pollAfterFailures);
    }

    public GatewayClientConfig withCaFile(Path ca) {
        return new GatewayClientConfig(url, clientId, token, ca, heartbeat, connectTimeout, ackTimeout, backoff,
                queueCapacity, queueFile, recovery, maxInboundBytes, pollAfterFailures);
    }

    public GatewayClientConfig withTimings(Duration heartbeatEvery, Duration connect, Duration ack) {
        return new GatewayClientConfig(url, clientId, token, caFile, heartbeatEvery, connect, ack, backoff,
                queueCapacity, queueFile, recovery, maxInboundBytes, pollAfterFailures);
    }

    public GatewayClientConfig withBackoff(Backoff b) {
        return new GatewayClientConfig(url, clientId, token, caFile, heartbeat, connectTimeout, ackTimeout, b,
                queueCapacity, queueFile, recovery, maxInboundBytes, pollAfterFailures);
    }

    public GatewayClientConfig withQueue(int capacity, Path file) {
        return new GatewayClientConfig(url, clientId, token, caFile, heartbeat, connectTimeout, ackTimeout, backoff,
                capacity, file, recovery, maxInboundBytes, pollAfterFailures);
    }

    public GatewayClientConfig withRecovery(boolean on) {
        return new GatewayClientConfig(url, clientId, token, caFile, heartbeat, connectTimeout, ackTimeout, backoff,
                queueCapacity, queueFile, on, maxInboundBytes, pollAfterFailures);
    }

    public GatewayClientConfig withPollAfterFailures(int n) {
        return new GatewayClientConfig(url, clientId, token, caFile, heartbeat, connectTimeout, ackTimeout, backoff,
                queueCapacity, queueFile, recovery, maxInboundBytes, n);
    }

    /** The WebSocket URL: the base URL with {@code /ws/<client id>} appended, or the URL itself if it has one. */
    public URI webSocketUri() {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (path.matches(".*/ws/[^/]+/?")) {
            return url;
        }
        String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + base + "/ws/"
                + java.net.URLEncoder.encode(clientId, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The same server over HTTP ({@code /health}, {@code /events}, {@code /publish}). */
    public URI httpBase() {
        String scheme = url.getScheme().equalsIgnoreCase("wss") ? "https" : "http";
        return URI.create(scheme + "://" + url.getRawAuthority());
    }

    /** The current token, or null. */
    public String currentToken() {
        String t = token.get();
        return t == null || t.isBlank() ? null : t.strip();
    }

    /** The URL for messages: never the token (it is not in the URL), and no user-info. */
    public String describe() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
