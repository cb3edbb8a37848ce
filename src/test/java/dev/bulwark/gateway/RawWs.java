package dev.bulwark.gateway;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ServerHandshake;

/** A bare WebSocket client for server tests: sends anything (malformed frames too) and records what comes back. */
final class RawWs extends WebSocketClient {
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile int closeCode;
    volatile String handshakeRecovery;

    RawWs(URI uri, Map<String, String> headers, boolean deflate) {
        super(uri, new Draft_6455(deflate ? List.<IExtension>of(new PerMessageDeflateExtension()) : List.of(),
                List.of(new org.java_websocket.protocols.Protocol("")), 64 << 20), headers, 5000);
    }

    static RawWs open(int port, String clientId, Map<String, String> headers, boolean deflate) throws InterruptedException {
        RawWs c = new RawWs(URI.create("ws://127.0.0.1:" + port + "/ws/" + clientId), headers, deflate);
        if (!c.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new AssertionError("could not connect to 127.0.0.1:" + port + " (close code " + c.closeCode + ")");
        }
        return c;
    }

    /** The next frame, or fails. */
    String next(Duration timeout) throws InterruptedException {
        String f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) {
            throw new AssertionError("no frame within " + timeout);
        }
        return f;
    }

    /** The next frame whose type is {@code type}, skipping others. */
    String nextOfType(String type, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            String f = frames.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (f != null && f.startsWith("{\"type\":\"" + type + "\"")) {
                return f;
            }
        }
        throw new AssertionError("no '" + type + "' frame within " + timeout);
    }

    boolean awaitClose(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpen(ServerHandshake h) {
        handshakeRecovery = h.getFieldValue("X-Bulwark-Recovery");
    }

    @Override
    public void onMessage(String message) {
        frames.add(message);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        frames.add("(binary " + bytes.remaining() + ")");
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closed.countDown();
    }

    @Override
    public void onError(Exception ex) {
        // the close that follows is what tests look at
    }
}
