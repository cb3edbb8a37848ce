package dev.bulwark.gateway.client;

import dev.bulwark.gateway.BoundedDeflate;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.Protocol;

/**
 * The WebSocket adapter on Java-WebSocket 1.6.0. The read loop runs on a named virtual thread of the caller's
 * (the library's {@code run()}), not on a thread the library starts by itself; the library still starts its own
 * writer thread. TLS always verifies the host name.
 */
public final class JavaWebSocketTransport implements GatewayTransport {
    private final SSLContext tls;
    private final int maxFrameBytes;
    private final boolean deflate;
    private final java.util.concurrent.Executor readers;

    /**
     * @param tls           the trust for {@code wss} (see {@link TlsContexts})
     * @param maxFrameBytes frames above this make the library close the connection (1009); the client's own,
     *                      lower limit counts and drops frames below it
     * @param deflate       offer permessage-deflate
     * @param readers       runs each connection's read loop (the client's own named virtual threads)
     */
    public JavaWebSocketTransport(SSLContext tls, int maxFrameBytes, boolean deflate, java.util.concurrent.Executor readers) {
        this.tls = tls;
        this.maxFrameBytes = maxFrameBytes;
        this.deflate = deflate;
        this.readers = readers;
    }

    @Override
    public Connection connect(URI uri, Map<String, String> headers, Duration timeout, Listener listener)
            throws IOException, InterruptedException {
        CompletableFuture<ServerHandshake> opened = new CompletableFuture<>();
        List<IExtension> ext = deflate ? List.of(new BoundedDeflate(maxFrameBytes)) : List.of();
        Draft_6455 draft = new Draft_6455(ext, List.of(new Protocol("")), maxFrameBytes);
        Client c = new Client(uri, draft, headers, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()), listener, opened);
        if ("wss".equalsIgnoreCase(uri.getScheme())) {
            c.setSocketFactory(tls.getSocketFactory());
        }
        c.setConnectionLostTimeout(0); // the client's own heartbeat decides when a connection is dead
        readers.execute(c);
        try {
            ServerHandshake h = opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return c.connection(h);
        } catch (TimeoutException e) {
            c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "handshake timed out");
            throw new IOException("no WebSocket handshake within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "connect failed");
            Throwable cause = e.getCause();
            if (cause instanceof ClosedBeforeOpen) {
                // The library reports a TLS failure from its writer thread, which may come just after the close.
                for (int i = 0; i < 20 && c.error == null; i++) {
                    Thread.sleep(10);
                }
                if (c.error != null) {
                    cause = c.error;
                }
            }
            var status = java.util.regex.Pattern.compile("Invalid status code received: (\\d{3})")
                    .matcher(String.valueOf(cause.getMessage()));
            if (status.find()) {
                int code = Integer.parseInt(status.group(1));
                throw new Rejected(code, "the server refused the WebSocket upgrade: HTTP " + code
                        + (code == 401 || code == 403 ? " (missing or wrong token?)" : ""));
            }
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "interrupted");
            throw e;
        }
    }

    /** The connection closed before the handshake completed, with no error reported (yet). */
    private static final class ClosedBeforeOpen extends IOException {
        ClosedBeforeOpen(String message) {
            super(message);
        }
    }

    private static final class Client extends WebSocketClient {
        private volatile Exception error;
        private final Listener listener;
        private final CompletableFuture<ServerHandshake> opened;

        Client(URI uri, Draft_6455 draft, Map<String, String> headers, int connectTimeoutMs, Listener listener,
               CompletableFuture<ServerHandshake> opened) {
            super(uri, draft, headers, connectTimeoutMs);
            this.listener = listener;
            this.opened = opened;
        }

        Connection connection(ServerHandshake h) {
            boolean extended = "1".equals(h.getFieldValue("X-Bulwark-Recovery"));
            return new Connection() {
                @Override
                public boolean send(String text) {
                    if (!isOpen()) {
                        return false;
                    }
                    try {
                        Client.this.send(text);
                        return true;
                    } catch (org.java_websocket.exceptions.WebsocketNotConnectedException e) {
                        return false;
                    }
                }

                @Override
                public void sendPing() {
                    if (isOpen()) {
                        Client.this.sendPing();
                    }
                }

                @Override
                public boolean extended() {
                    return extended;
                }

                @Override
                public void abort(String reason) {
                    closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
                }

                @Override
                public void close() {
                    Client.this.close(CloseFrame.NORMAL, "client closing");
                }
            };
        }

        @Override
        protected void onSetSSLParameters(SSLParameters p) {
            super.onSetSSLParameters(p);
            p.setEndpointIdentificationAlgorithm("HTTPS"); // hostname verification, whatever the library default
        }

        @Override
        public void onOpen(ServerHandshake h) {
            opened.complete(h);
        }

        @Override
        public void onMessage(String text) {
            listener.onText(text);
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            listener.onBinary(bytes.remaining());
        }

        @Override
        public void onWebsocketPong(WebSocket conn, Framedata f) {
            listener.onPong();
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (!opened.isDone()) {
                opened.completeExceptionally(new ClosedBeforeOpen(reason == null || reason.isBlank()
                        ? "connection closed during the handshake (code " + code + ")" : reason));
            }
            listener.onClosed(code, reason, remote);
        }

        @Override
        public void onError(Exception e) {
            error = e;
            if (!opened.isDone()) {
                opened.completeExceptionally(e);
            }
        }
    }
}
