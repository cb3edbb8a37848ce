package dev.bulwark.gateway.server;

import dev.bulwark.util.RedisUris;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;

/**
 * How a reference gateway server runs.
 *
 * @param host               address to bind (127.0.0.1 unless told otherwise)
 * @param port               port (0 picks a free one)
 * @param redisUri           Redis for fan-out across instances and shared history, or null for in-process only
 *                           (validated by {@link RedisUris#parse})
 * @param token              bearer token required by WebSocket connections and {@code POST /publish}, or null;
 *                           without it {@code POST /publish} is accepted from loopback only
 * @param historySize        messages kept per channel for recovery and long-polling
 * @param maxFrameBytes      the largest inbound frame or request body
 * @param messagesPerSecond  inbound frames per second per connection (a token bucket with a burst of twice that)
 * @param sendQueueFrames    frames queued for one connection before it is dropped as a slow consumer
 * @param allowedOrigins     browser origins allowed to connect; empty allows any (non-browser clients send none)
 */
public record GatewayServerConfig(String host, int port, String redisUri, String token, int historySize,
                                  int maxFrameBytes, int messagesPerSecond, int sendQueueFrames,
                                  Set<String> allowedOrigins) {

    /** Validates; messages name the field. */
    public GatewayServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (historySize < 1 || historySize > 1_000_000) {
            throw new IllegalArgumentException("history must be 1..1000000 messages, was " + historySize);
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("max frame size must be at least 1024 bytes, was " + maxFrameBytes);
        }
        if (messagesPerSecond < 1) {
            throw new IllegalArgumentException("messages per second must be at least 1, was " + messagesPerSecond);
        }
        if (sendQueueFrames < 16) {
            throw new IllegalArgumentException("send queue must hold at least 16 frames, was " + sendQueueFrames);
        }
        allowedOrigins = Set.copyOf(allowedOrigins == null ? Set.of() : allowedOrigins);
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("token is empty");
        }
        if (redisUri != null) {
            RedisUris.parse(redisUri);
        }
    }

    /** Loopback, in-process, history 1000, frames up to 1 MiB, 100 frames/s, 10,000 queued frames. */
    public static GatewayServerConfig defaults(int port) {
        return new GatewayServerConfig("127.0.0.1", port, null, null, 1000, 1 << 20, 100, 10_000, Set.of());
    }

    public GatewayServerConfig withRedis(String uri) {
        return new GatewayServerConfig(host, port, uri, token, historySize, maxFrameBytes, messagesPerSecond,
                sendQueueFrames, allowedOrigins);
    }

    public GatewayServerConfig withToken(String t) {
        return new GatewayServerConfig(host, port, redisUri, t, historySize, maxFrameBytes, messagesPerSecond,
                sendQueueFrames, allowedOrigins);
    }

    public GatewayServerConfig withHistory(int n) {
        return new GatewayServerConfig(host, port, redisUri, token, n, maxFrameBytes, messagesPerSecond,
                sendQueueFrames, allowedOrigins);
    }

    public GatewayServerConfig withLimits(int frameBytes, int perSecond, int queueFrames) {
        return new GatewayServerConfig(host, port, redisUri, token, historySize, frameBytes, perSecond, queueFrames,
                allowedOrigins);
    }

    public GatewayServerConfig withOrigins(Set<String> origins) {
        return new GatewayServerConfig(host, port, redisUri, token, historySize, maxFrameBytes, messagesPerSecond,
                sendQueueFrames, origins);
    }

    public GatewayServerConfig withHost(String h) {
        return new GatewayServerConfig(h, port, redisUri, token, historySize, maxFrameBytes, messagesPerSecond,
                sendQueueFrames, allowedOrigins);
    }

    /** True when binding {@link #host} exposes the server beyond this machine. */
    public boolean bindsBeyondLoopback() throws java.net.UnknownHostException {
        return !InetAddress.getByName(host).isLoopbackAddress();
    }
}
