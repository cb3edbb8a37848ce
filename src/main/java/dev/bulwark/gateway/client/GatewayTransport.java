package dev.bulwark.gateway.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The client's WebSocket port: one adapter per real stack ({@link JavaWebSocketTransport}); fakes in unit tests. */
public interface GatewayTransport {

    /** What a connection reports; called on the transport's threads, so implementations only record and signal. */
    interface Listener {
        void onText(String text);

        /** A binary frame of {@code bytes} bytes (the protocol has none). */
        void onBinary(int bytes);

        /** A WebSocket-level pong. */
        void onPong();

        /** The connection ended; {@code remote} when the server (or the network) ended it. */
        void onClosed(int code, String reason, boolean remote);
    }

    /** The server answered the upgrade with an HTTP status instead of switching protocols. */
    final class Rejected extends IOException {
        private final int status;

        public Rejected(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status. */
        public int status() {
            return status;
        }

        /** 401 or 403: the server refuses this client; no proxy is at fault, so polling would not help. */
        public boolean refusesClient() {
            return status == 401 || status == 403;
        }
    }

    /** An open connection. */
    interface Connection {
        /** Sends one text frame; false when the connection is no longer open. */
        boolean send(String text);

        /** Sends a WebSocket ping. */
        void sendPing();

        /** True when the server answered the handshake with the recovery extension. */
        boolean extended();

        /** Drops the connection at once, without a close handshake (a dead peer would never answer one). */
        void abort(String reason);

        /** Closes politely (close handshake). */
        void close();
    }

    /**
     * Opens a connection: TCP connect and WebSocket handshake within {@code timeout}.
     *
     * @throws IOException why it failed (refused, timed out, handshake rejected, TLS)
     */
    Connection connect(URI uri, Map<String, String> headers, Duration timeout, Listener listener)
            throws IOException, InterruptedException;
}
