package dev.bulwark.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.StreamOffset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebSocket connection on the reference server. The WebSocket protocol itself (handshake, framing,
 * masking, permessage-deflate, close handshake) is Java-WebSocket's {@link WebSocketImpl}, driven over a socket
 * this server owns: its reader thread feeds received bytes to {@link WebSocketImpl#decode}, its writer thread
 * drains what the implementation queues. Outbound frames wait in a bounded queue; a consumer too slow to empty
 * it is dropped, and being blocked on its socket stalls only its own writer thread, never the others.
 */
final class WsConnection extends WebSocketAdapter implements Hub.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);
    static final String RECOVERY_HEADER = "X-Bulwark-Recovery";

    private final GatewayServer server;
    private final Socket socket;
    private final String clientId;
    private final boolean extended;
    private final String connectionKey;
    private final WebSocketImpl ws;
    private final ArrayBlockingQueue<String> sendQueue;
    private final Semaphore demand = new Semaphore(0);
    /** Channels recovering: live messages wait here until the replay is queued (guarded by the channel's lock). */
    private final Map<String, List<Message>> holding = new ConcurrentHashMap<>();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private volatile boolean dropped;
    private volatile boolean closed;
    private long lastRateError;

    WsConnection(GatewayServer server, Socket socket, String clientId, boolean extended, String connectionKey,
                 List<Draft> drafts, int sendQueueFrames) {
        this.server = server;
        this.socket = socket;
        this.clientId = clientId;
        this.extended = extended;
        this.connectionKey = connectionKey;
        this.sendQueue = new ArrayBlockingQueue<>(sendQueueFrames);
        this.ws = new WebSocketImpl(this, drafts);
    }

    String clientId() {
        return clientId;
    }

    boolean extended() {
        return extended;
    }

    /** Serves the connection on the calling thread until it closes; {@code head} holds the bytes read so far. */
    void serve(byte[] head) {
        java.util.concurrent.Future<?> writer = server.startThread(this::writeLoop);
        try (InputStream in = socket.getInputStream()) {
            ws.decode(ByteBuffer.wrap(head));
            byte[] buf = new byte[16 * 1024];
            int n;
            while (!ws.isClosed() && (n = in.read(buf)) >= 0) {
                ws.decode(ByteBuffer.wrap(buf, 0, n));
            }
            ws.eot();
        } catch (IOException e) {
            LOG.debug("gateway connection {} ended: {}", clientId, e.getMessage());
            ws.closeConnection(CloseFrame.ABNORMAL_CLOSE, e.getMessage() == null ? "i/o error" : e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("gateway connection {} failed", clientId, e);
            ws.closeConnection(CloseFrame.ABNORMAL_CLOSE, "internal error");
        } finally {
            closed = true;
            demand.release();
            closeSocket();
            try {
                writer.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("gateway connection {}: writer did not end cleanly: {}", clientId, e.toString());
                writer.cancel(true);
            }
        }
    }

    private void writeLoop() {
        // Buffered and flushed once per drain: under load a wake-up writes many frames in one system call.
        try (OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
            while (true) {
                for (String text; (text = sendQueue.poll()) != null && ws.isOpen(); ) {
                    ws.send(text);
                }
                boolean wrote = false;
                for (ByteBuffer b; (b = ws.outQueue.poll()) != null; ) {
                    write(out, b);
                    wrote = true;
                }
                if (wrote) {
                    out.flush();
                }
                if (ws.isFlushAndClose() && ws.outQueue.isEmpty()) {
                    ws.closeConnection();
                    return;
                }
                if (closed || ws.isClosed()) {
                    return;
                }
                if (demand.tryAcquire(1, TimeUnit.SECONDS)) {
                    demand.drainPermits();
                }
            }
        } catch (IOException e) {
            LOG.debug("gateway connection {}: write failed: {}", clientId, e.getMessage());
            ws.closeConnection(CloseFrame.ABNORMAL_CLOSE, "write failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, ByteBuffer b) throws IOException {
        if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            out.write(copy);
        }
    }

    // ---- outbound

    /** Queues a text frame; a full queue marks a slow consumer, which is dropped. */
    private void enqueue(String text) {
        if (dropped || closed) {
            return;
        }
        if (sendQueue.offer(text)) {
            demand.release();
        } else {
            dropped = true;
            server.stats().slowConsumerDropped();
            LOG.warn("gateway client {} dropped: {} frames waiting (a slow consumer)", clientId, sendQueue.size());
            // Closing the socket ends both threads; the reader then runs the clean-up, never under a channel lock.
            closeSocket();
        }
    }

    private void reply(String type, String channel, ObjectNode data) {
        enqueue(server.codec().encode(GatewayFrame.of(type, channel, data, server.now(), clientId)));
    }

    private void error(String message) {
        ObjectNode d = server.codec().object().put("error", message);
        reply("error", null, d);
    }

    @Override
    public void deliver(Message m) {
        List<Message> held = holding.get(m.channel());
        if (held != null) {
            held.add(m);
            return;
        }
        enqueue(extended ? m.extendedText(server.codec()) : m.legacyText());
    }

    // ---- inbound

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                       ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder b = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        if (extended) {
            b.put(RECOVERY_HEADER, "1");
        }
        return b;
    }

    @Override
    public void onWebsocketOpen(WebSocket conn, Handshakedata handshake) {
        server.opened(this);
        reply("info", null, server.codec().object().put("message", "Connected to MAXIMUS WebSocket Gateway"));
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, String text) {
        server.stats().received();
        if (text.length() > server.config().maxFrameBytes()
                || text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > server.config().maxFrameBytes()) {
            server.stats().invalid(); // only reachable through fragments: single frames are capped by the library
            ws.close(CloseFrame.TOOBIG, "message over " + server.config().maxFrameBytes() + " bytes");
            return;
        }
        if (!server.allowFrame(connectionKey)) {
            long now = System.nanoTime();
            if (now - lastRateError > TimeUnit.SECONDS.toNanos(1)) {
                lastRateError = now;
                error("rate limit exceeded: at most " + server.config().messagesPerSecond() + " messages per second");
            }
            server.stats().rateLimited();
            return;
        }
        GatewayFrame f;
        try {
            f = server.codec().decode(text);
        } catch (FrameCodec.FrameException e) {
            // As the existing gateway does: a frame it cannot validate ends the connection.
            server.stats().invalid();
            ws.close(e.problem() == FrameCodec.Problem.INVALID_JSON ? CloseFrame.REFUSE : CloseFrame.POLICY_VALIDATION,
                    e.getMessage());
            return;
        }
        switch (f.type()) {
            case "ping" -> reply("pong", null, null);
            case "subscribe", "unsubscribe" -> {
                if (!Channels.isKnown(f.channel())) {
                    server.stats().invalid();
                    ws.close(CloseFrame.POLICY_VALIDATION, "unknown channel");
                    return;
                }
                if (f.type().equals("subscribe")) {
                    subscribe(f);
                } else {
                    server.hub().unsubscribe(f.channel(), this);
                    channels.remove(f.channel());
                    reply("unsubscribed", f.channel(), server.codec().object().put("channel", f.channel()));
                }
            }
            default -> error("Unknown message type: " + f.type());
        }
    }

    private void subscribe(GatewayFrame f) {
        String channel = f.channel();
        JsonNode recover = extended && f.data() != null ? f.data().get("recover") : null;
        if (recover == null || !recover.isObject() || channels.contains(channel)) {
            server.hub().subscribe(channel, this, () -> {
                channels.add(channel);
                reply("subscribed", channel, ackData(channel, server.hub().head(channel), null, null));
            });
            return;
        }
        String epoch = recover.path("epoch").asText(null);
        StreamOffset after;
        try {
            after = StreamOffset.parse(recover.path("offset").asText(null));
        } catch (IllegalArgumentException e) {
            error("recover.offset: " + e.getMessage());
            server.hub().subscribe(channel, this, () -> {
                channels.add(channel);
                reply("subscribed", channel, ackData(channel, server.hub().head(channel), false, "invalid offset"));
            });
            return;
        }
        // The head when the subscription took effect: what the replay covers; later messages are live.
        StreamOffset[] headAtSubscribe = new StreamOffset[1];
        server.hub().subscribe(channel, this, () -> {
            channels.add(channel);
            holding.put(channel, new ArrayList<>());
            headAtSubscribe[0] = server.hub().head(channel);
        });
        History.Replay replay;
        try {
            replay = server.history().after(channel, epoch, after);
        } catch (Exception e) {
            LOG.warn("gateway: history of {} unavailable for {}: {}", channel, clientId, e.getMessage());
            replay = History.Replay.gap("history unavailable");
        }
        History.Replay r = replay;
        server.hub().locked(channel, () -> {
            List<Message> held = holding.remove(channel);
            reply("subscribed", channel, ackData(channel, headAtSubscribe[0], r.complete(), r.gapReason()));
            StreamOffset last = r.complete() ? after : StreamOffset.ZERO;
            for (Message m : r.messages()) {
                if (m.offset().isAfter(last)) {
                    enqueue(m.extendedText(server.codec()));
                    last = m.offset();
                }
            }
            if (r.complete()) {
                server.stats().recovered(r.messages().size());
            }
            for (Message m : held) {
                if (!r.complete() || m.offset() == null || m.offset().isAfter(last)) {
                    enqueue(m.extendedText(server.codec()));
                    last = m.offset() != null && m.offset().isAfter(last) ? m.offset() : last;
                }
            }
        });
    }

    private ObjectNode ackData(String channel, StreamOffset head, Boolean recovered, String reason) {
        ObjectNode d = server.codec().object().put("channel", channel);
        if (extended) {
            d.put("epoch", server.currentEpoch(channel));
            d.put("offset", head.toString());
            if (recovered != null) {
                d.put("recovered", recovered);
                if (!recovered) {
                    d.put("reason", reason);
                }
            }
        }
        return d;
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) {
        server.stats().invalid();
        ws.close(CloseFrame.REFUSE, "binary frames are not accepted");
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        super.onWebsocketPing(conn, f);
    }

    @Override
    public void onWebsocketClose(WebSocket conn, int code, String reason, boolean remote) {
        closed = true;
        server.hub().removeEverywhere(this);
        server.closed(this);
        demand.release();
        closeSocket();
    }

    @Override
    public void onWebsocketClosing(WebSocket conn, int code, String reason, boolean remote) {
        // the close handshake is under way; onWebsocketClose does the clean-up
    }

    @Override
    public void onWebsocketCloseInitiated(WebSocket conn, int code, String reason) {
        // as above
    }

    @Override
    public void onWebsocketError(WebSocket conn, Exception ex) {
        LOG.debug("gateway connection {}: {}", clientId, ex.toString());
    }

    @Override
    public void onWriteDemand(WebSocket conn) {
        demand.release();
    }

    @Override
    public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /** Closes the connection from the server's side (shutdown): a close frame, then the socket. */
    void shutdown() {
        if (ws.isOpen()) {
            ws.close(CloseFrame.GOING_AWAY, "server shutting down");
        }
        demand.release();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("gateway connection {}: close: {}", clientId, e.getMessage());
        }
    }
}
