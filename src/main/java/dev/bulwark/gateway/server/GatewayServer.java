package dev.bulwark.gateway.server;

import dev.bulwark.gateway.BoundedDeflate;
import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.memory.InMemoryRateLimiter;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.protocols.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference MAXIMUS gateway: the existing gateway's protocol on {@code /ws/{client_id}} and
 * {@code GET /health}, plus Bulwark's recovery extension, {@code GET /events} (long-poll) and
 * {@code POST /publish}, all on one port. Each connection is served on named virtual threads it owns; with
 * {@code redisUri} every instance on the same Redis delivers every message (see {@link RedisBridge}).
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayServerConfig config;
    private final Clock clock;
    private final FrameCodec codec = FrameCodec.create();
    private final Hub hub = new Hub();
    private final ServerStats stats = new ServerStats();
    private final InMemoryHistory memory;
    private final RedisBridge redis;
    private final RateLimiter frameLimiter;
    private final ExecutorService threads = NamedThreads.virtualExecutor("gateway-server");
    private final Set<WsConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final HttpEndpoints http;
    private ServerSocket listener;
    private volatile boolean closed;

    /**
     * @param config what to bind and the limits
     * @param clock  timestamps of the server's own frames
     * @param time   the per-connection frame limiter's clock
     */
    public GatewayServer(GatewayServerConfig config, Clock clock, TimeSource time) {
        this.config = config;
        this.clock = clock;
        this.memory = config.redisUri() == null ? new InMemoryHistory(config.historySize()) : null;
        this.redis = config.redisUri() == null ? null : new RedisBridge(config.redisUri(), config.historySize(), hub::deliver);
        this.frameLimiter = new InMemoryRateLimiter(LimitConfig.tokenBucket("gateway-frames",
                2L * config.messagesPerSecond(), config.messagesPerSecond(), Duration.ofSeconds(1)), time);
        this.http = new HttpEndpoints(this);
    }

    /** Binds (and connects to Redis when configured) and starts accepting. */
    public void start() throws IOException {
        if (redis != null) {
            redis.start();
            for (String c : Channels.ALL) {
                hub.initHead(c, redis.epoch(c), redis.lastId(c));
            }
        }
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 512);
        threads.submit(this::acceptLoop);
        LOG.info("gateway listening on {}:{} ({})", config.host(), port(), redis == null ? "in-process" : "redis " + redis.where());
    }

    /** The bound port. */
    public int port() {
        return listener.getLocalPort();
    }

    public GatewayServerConfig config() {
        return config;
    }

    /** The counters so far. */
    public ServerStats.Snapshot statsSnapshot() {
        return stats.snapshot();
    }

    /** Open WebSocket connections. */
    public int activeConnections() {
        return connections.size();
    }

    /** True when Redis is configured and both its connections are up. */
    public boolean redisConnected() {
        return redis != null && redis.connected();
    }

    /** Subscribers of {@code channel} on this instance. */
    public int subscribers(String channel) {
        return hub.subscribers(channel);
    }

    /**
     * Publishes {@code text} (one frame, already checked) on its channel: through Redis to every instance, or
     * straight into this instance's history and subscribers.
     */
    public void publish(String channel, String text) throws Exception {
        Channels.require(channel);
        stats.published();
        if (redis != null) {
            redis.publish(channel, text);
        } else {
            hub.locked(channel, () -> hub.deliver(memory.append(channel, text)));
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("gateway: accept failed; the server stops accepting", e);
                }
                return;
            }
            sockets.add(s);
            threads.submit(() -> handle(s));
        }
    }

    private void handle(Socket s) {
        Thread.currentThread().setName("gateway-conn-" + connectionIds.incrementAndGet());
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(30_000); // a head must arrive; WebSocket connections lift it below
            InputStream in = s.getInputStream();
            byte[] carry = new byte[0];
            while (!closed) {
                HttpHead head = HttpHead.read(in, carry);
                if (head == null) {
                    return;
                }
                if (head.isUpgrade()) {
                    upgrade(s, head);
                    return;
                }
                carry = http.serve(s, head, in);
                if (carry == null) {
                    return;
                }
            }
        } catch (HttpHead.BadRequest e) {
            http.tryRespond(s, 400, "{\"error\":\"" + e.getMessage() + "\"}");
        } catch (SocketException e) {
            LOG.debug("gateway: connection ended: {}", e.getMessage());
        } catch (IOException e) {
            LOG.debug("gateway: connection failed: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("gateway: request failed", e);
        } finally {
            sockets.remove(s);
        }
    }

    private void upgrade(Socket s, HttpHead head) throws IOException {
        String path = head.path();
        if (!path.startsWith("/ws/") || path.length() == 4 || path.indexOf('/', 4) >= 0) {
            http.respond(s, 404, "{\"error\":\"WebSocket path must be /ws/{client_id}\"}", false);
            return;
        }
        String clientId = java.net.URLDecoder.decode(path.substring(4), java.nio.charset.StandardCharsets.UTF_8);
        if (!config.allowedOrigins().isEmpty() && head.header("origin") != null
                && !config.allowedOrigins().contains(head.header("origin"))) {
            http.respond(s, 403, "{\"error\":\"origin not allowed\"}", false);
            return;
        }
        if (config.token() != null && !http.bearerMatches(head)) {
            http.respond(s, 401, "{\"error\":\"a valid bearer token is required\"}", false);
            return;
        }
        s.setSoTimeout(0);
        boolean extended = "1".equals(head.header(WsConnection.RECOVERY_HEADER));
        WsConnection c = new WsConnection(this, s, clientId, extended, "c" + connectionIds.incrementAndGet(),
                drafts(), config.sendQueueFrames());
        c.serve(head.raw());
    }

    private List<Draft> drafts() {
        List<IExtension> ext = List.of(new BoundedDeflate(config.maxFrameBytes()));
        return List.of(new Draft_6455(ext, List.of(new Protocol("")), config.maxFrameBytes()));
    }

    // ---- for the connections and endpoints

    FrameCodec codec() {
        return codec;
    }

    Hub hub() {
        return hub;
    }

    ServerStats stats() {
        return stats;
    }

    History history() {
        return redis != null ? redis : memory;
    }

    Clock clock() {
        return clock;
    }

    Instant now() {
        return clock.instant();
    }

    String currentEpoch(String channel) {
        try {
            return history().epoch(channel);
        } catch (Exception e) {
            throw new IllegalStateException("no epoch for " + channel, e);
        }
    }

    boolean allowFrame(String connectionKey) {
        return frameLimiter.tryAcquire(connectionKey).allowed();
    }

    Future<?> startThread(Runnable r) {
        return threads.submit(r);
    }

    void opened(WsConnection c) {
        connections.add(c);
    }

    void closed(WsConnection c) {
        connections.remove(c);
    }

    /** Stops accepting, closes every connection and Redis, and joins every thread. */
    @Override
    public void close() {
        closed = true;
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            LOG.debug("gateway: closing the listener: {}", e.getMessage());
        }
        connections.forEach(WsConnection::shutdown);
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("gateway: closing a connection: {}", e.getMessage());
            }
        }
        threads.close();
        if (redis != null) {
            redis.close();
        }
    }
}
