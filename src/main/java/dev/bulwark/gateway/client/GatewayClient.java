package dev.bulwark.gateway.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.util.NamedThreads;
import dev.bulwark.util.reconnect.ConnectionState;
import dev.bulwark.util.reconnect.ReconnectLoop;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MAXIMUS gateway client. It keeps one connection up through the shared {@link ReconnectLoop}; everything about
 * a connection (frames received, acknowledgements, heartbeat, recovery) happens on that loop's thread, fed by the
 * transport's callbacks through a queue, so the state needs no locks and tests can drive it with a manual clock.
 *
 * <p>What it guarantees and says: subscriptions are desired state, re-sent once after each reconnect and retried
 * while unacknowledged; a connection without a pong for two heartbeat intervals is dropped at once; against a
 * Bulwark server it asks for what it missed and reports "recovered", against any other it reports "gap: N s";
 * when WebSocket upgrades keep failing while {@code /health} answers, it long-polls {@code /events} and keeps
 * trying to upgrade back.
 */
public final class GatewayClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayClient.class);
    static final String RECOVERY_HEADER = "X-Bulwark-Recovery";

    /** Receives messages and status changes on the client's thread; must not block. */
    public interface Listener {
        void onMessage(InboundMessage message);

        void onStatus(GatewayStatus status);
    }

    /**
     * One received data message.
     *
     * @param frame      the frame
     * @param receivedAt when it arrived
     * @param recovered  it was missed while away and replayed
     */
    public record InboundMessage(GatewayFrame frame, Instant receivedAt, boolean recovered) {
    }

    private final GatewayClientConfig config;
    private final GatewayTransport transport;
    private final GatewayHttp http;
    private final QueuedPublisher outbound;
    private final Clock clock;
    private final Listener listener;
    private final FrameCodec codec = FrameCodec.create();
    private final SubscriptionTable subscriptions = new SubscriptionTable();
    private final ExecutorService threads = NamedThreads.virtualExecutor("gateway-client");
    private final ReconnectLoop loop;
    private final RecoveryTracker tracker = new RecoveryTracker();
    private final Heartbeat heartbeat;
    private final InboundFrames inbound;
    private volatile ConnectionState connection;
    private volatile GatewayStatus.Mode mode = GatewayStatus.Mode.OFFLINE;
    private volatile boolean extended;
    private volatile boolean online;
    private volatile boolean closed;
    private int wsFailures;
    private GatewayStatus lastPublished;
    private Instant lastStatusAt = Instant.EPOCH;

    /**
     * @param transport the WebSocket adapter
     * @param http      the same server's HTTP side (health and polling)
     * @param publisher where {@link #publish} sends, or null when this client does not publish
     * @param clock     every age, timeout and heartbeat
     */
    public GatewayClient(GatewayClientConfig config, GatewayTransport transport, GatewayHttp http,
                         GatewayPublisher publisher, Clock clock, Listener listener) {
        this.config = config;
        this.transport = transport;
        this.http = http;
        this.clock = clock;
        this.listener = listener;
        this.heartbeat = new Heartbeat(config.heartbeat());
        this.inbound = new InboundFrames(config, codec, clock, subscriptions, tracker, heartbeat, () -> extended,
                listener);
        this.outbound = new QueuedPublisher(new OfflineQueue(config.queueCapacity(), config.queueFile()), publisher, threads,
                config.describe());
        this.connection = new ConnectionState(ConnectionState.Kind.CONNECTING, null, clock.instant(), null);
        this.loop = new ReconnectLoop("gateway " + config.describe(), config.backoff(), clock, this::onConnectionState,
                this::session);
    }

    /** Starts connecting. */
    public void start() {
        loop.start();
    }

    /** Wants {@code channel} (any thread); sent now if connected, else after the next connect. */
    public void subscribe(String channel) {
        subscriptions.subscribe(channel);
    }

    /** No longer wants {@code channel} (any thread). */
    public void unsubscribe(String channel) {
        subscriptions.unsubscribe(channel);
    }

    /** Skips the reconnect countdown. */
    public void reconnectNow() {
        loop.reconnectNow();
    }

    /**
     * Publishes a frame of {@code type} on {@code channel} through the publisher: now when connected, else queued
     * (bounded, oldest dropped, persisted) and flushed after the next resubscribe.
     */
    public void publish(String channel, String type, ObjectNode data) {
        if (!outbound.canPublish()) {
            throw new IllegalStateException("this gateway client has no publish target");
        }
        Channels.require(channel);
        outbound.enqueue(codec.encode(GatewayFrame.of(type, channel, data, clock.instant(), config.clientId())));
        if (online) {
            flush();
        }
        publishStatus(true);
    }

    /** The current status. */
    public GatewayStatus status() {
        return new GatewayStatus(connection, connection.kind() == ConnectionState.Kind.CONNECTED ? mode
                : GatewayStatus.Mode.OFFLINE, heartbeat.rttMillis(), tracker.recovery(), extended,
                subscriptions.snapshot(), inbound.counters(outbound.queued(), outbound.dropped()), inbound.lastError());
    }

    /** The configuration in force. */
    public GatewayClientConfig config() {
        return config;
    }

    private void onConnectionState(ConnectionState s) {
        connection = s;
        publishStatus(true);
    }

    // ---- one connection's lifetime (the loop's thread)

    private void session(Runnable connected) throws Exception {
        LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
        String[] closedReason = {null};
        GatewayTransport.Connection conn;
        try {
            conn = transport.connect(config.webSocketUri(), headers(), config.connectTimeout(), new GatewayTransport.Listener() {
                @Override
                public void onText(String text) {
                    inbox.add(() -> handleText(text));
                }

                @Override
                public void onBinary(int bytes) {
                    inbox.add(() -> inbound.binary(bytes));
                }

                @Override
                public void onPong() {
                    // WebSocket-level pongs keep intermediaries' idle timers happy; liveness is the application pong
                }

                @Override
                public void onClosed(int code, String reason, boolean remote) {
                    inbox.add(() -> closedReason[0] = "closed by " + (remote ? "the server" : "the client") + " (code "
                            + code + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")");
                }
            });
        } catch (IOException e) {
            if (e instanceof GatewayTransport.Rejected r && r.refusesClient()) {
                throw e; // the server itself says no: polling would be refused too
            }
            wsFailures++;
            pollIfHealthy(connected, e);
            return;
        }
        wsFailures = 0;
        try {
            connectionUp(conn.extended(), GatewayStatus.Mode.WEBSOCKET, connected);
            boolean first = true;
            Instant upAt = clock.instant();
            while (!closed) {
                Runnable r = inbox.poll(100, TimeUnit.MILLISECONDS);
                for (; r != null; r = inbox.poll()) {
                    r.run();
                }
                if (closedReason[0] != null) {
                    throw new IOException(closedReason[0]);
                }
                tick(conn, clock.instant());
                if (first && (subscriptions.allAcknowledged()
                        || Duration.between(upAt, clock.instant()).compareTo(config.ackTimeout()) >= 0)) {
                    first = false;
                    // Queued frames go out once the resubscription is in force, so their echo is not missed (or
                    // after one ack timeout at most: a missing ack must not hold the queue back for ever).
                    flush();
                }
            }
        } finally {
            connectionDown();
            if (closedReason[0] == null) {
                conn.abort("connection dropped by the client");
            }
        }
    }

    /** Polls when WebSocket attempts keep failing while {@code /health} answers; else the failure stands. */
    private void pollIfHealthy(Runnable connected, IOException failure) throws Exception {
        if (http != null && wsFailures >= config.pollAfterFailures() && healthAnswers()) {
            new PollingSession(this).run(connected);
            return;
        }
        throw failure;
    }

    private Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        String token = config.currentToken();
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        }
        if (config.recovery()) {
            h.put(RECOVERY_HEADER, "1");
        }
        return h;
    }

    /** A connection (WebSocket or polling) is up: reset per-connection state and work out the guarantee. */
    void connectionUp(boolean recoveryExtension, GatewayStatus.Mode how, Runnable connected) {
        extended = recoveryExtension;
        mode = how;
        subscriptions.newConnection();
        heartbeat.newConnection();
        long away = tracker.connectionUp(extended, clock.instant());
        if (!extended && away > 0) {
            LOG.warn("gateway {}: reconnected after {} s to a server without recovery; messages sent meanwhile may be missing",
                    config.describe(), away);
        }
        online = true;
        connected.run();
    }

    /** The connection ended. */
    void connectionDown() {
        online = false;
        subscriptions.newConnection(); // nothing is acknowledged while away: shown as not sent until resubscribed
        tracker.connectionDown(clock.instant());
        mode = GatewayStatus.Mode.OFFLINE;
        publishStatus(true);
    }

    private void tick(GatewayTransport.Connection conn, Instant now) throws IOException {
        for (SubscriptionTable.Action a : subscriptions.due(now, config.ackTimeout())) {
            if (a.retry()) {
                LOG.warn("gateway {}: no acknowledgement for {} {} within {} ms; sending again", config.describe(),
                        a.type(), a.channel(), config.ackTimeout().toMillis());
            }
            conn.send(codec.encode(new GatewayFrame(a.type(), a.channel(), recoverData(a), null, config.clientId())
                    .withTimestamp(now)));
        }
        if (heartbeat.due(now)) {
            conn.send(codec.encode(GatewayFrame.of("ping", null, null, now, config.clientId())));
            conn.sendPing();
            heartbeat.pingSent(now);
        }
        heartbeat.checkAlive(now);
        publishStatus(false);
    }

    /** The recovery request of a subscribe: where this client left the channel, when the server can replay. */
    private ObjectNode recoverData(SubscriptionTable.Action a) {
        String[] from = extended && a.type().equals("subscribe") ? tracker.resumePoint(a.channel()) : null;
        if (from == null) {
            return null;
        }
        ObjectNode d = codec.object();
        d.putObject("recover").put("epoch", from[0]).put("offset", from[1]);
        return d;
    }

    // ---- inbound (the loop's thread)

    /** A text frame (WebSocket or polled), handled by {@link InboundFrames}. */
    void handleText(String text) {
        inbound.text(text);
        publishStatus(false);
    }

    RecoveryTracker tracker() {
        return tracker;
    }

    boolean healthAnswers() {
        try {
            long t0 = System.nanoTime();
            http.health(config.connectTimeout());
            heartbeat.rttMillis(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return true;
        } catch (IOException e) {
            LOG.debug("gateway {}: /health does not answer: {}", config.describe(), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- for the polling session

    GatewayClientConfig cfg() {
        return config;
    }

    GatewayTransport transport() {
        return transport;
    }

    GatewayHttp http() {
        return http;
    }

    Clock clock() {
        return clock;
    }

    SubscriptionTable subscriptions() {
        return subscriptions;
    }

    FrameCodec codec() {
        return codec;
    }

    boolean isClosed() {
        return closed;
    }

    Map<String, String> connectHeaders() {
        return headers();
    }

    void requestReconnect() {
        wsFailures = 0;
        loop.reconnectNow();
    }

    void setRtt(long millis) {
        heartbeat.rttMillis(millis);
    }

    // ---- publishing

    /** Sends queued frames, oldest first, until one fails (it stays queued for the next connection). */
    private void flush() {
        outbound.flush(() -> online, () -> publishStatus(true));
    }

    void publishStatus(boolean force) {
        Instant now = clock.instant();
        GatewayStatus s = status();
        if (force || !s.equals(lastPublished) || Duration.between(lastStatusAt, now).toMillis() >= 1000) {
            lastPublished = s;
            lastStatusAt = now;
            try {
                listener.onStatus(s);
            } catch (RuntimeException e) {
                LOG.error("gateway status listener failed", e);
            }
        }
    }

    /** Stops: drops the connection, ends the loop and every thread. The offline queue stays on disk. */
    @Override
    public void close() {
        closed = true;
        loop.close();
        threads.close();
    }
}
