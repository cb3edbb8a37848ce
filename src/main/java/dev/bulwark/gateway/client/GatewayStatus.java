package dev.bulwark.gateway.client;

import dev.bulwark.util.reconnect.ConnectionState;
import java.time.Instant;
import java.util.List;

/**
 * Everything the UI and the CLI show about the gateway connection, as one immutable value.
 *
 * @param connection    the reconnect loop's state (with the countdown to the next attempt)
 * @param mode          how messages arrive
 * @param rttMillis     the last application ping's round trip, or -1 before the first
 * @param recovery      the delivery guarantee in force since the last (re)connection
 * @param extended      the server speaks Bulwark's recovery extension
 * @param subscriptions every desired channel with its acknowledgement state
 * @param counters      message counters since the client started
 * @param lastError     the last error the server sent (data.error), or null
 */
public record GatewayStatus(ConnectionState connection, Mode mode, long rttMillis, Recovery recovery, boolean extended,
                            List<Subscription> subscriptions, Counters counters, String lastError) {

    /** How messages arrive. */
    public enum Mode {
        /** Over the WebSocket. */
        WEBSOCKET,
        /** WebSocket upgrades keep failing while {@code /health} answers: {@code /events} long-polls. */
        POLLING,
        /** Not connected. */
        OFFLINE
    }

    /** The guarantee in force. */
    public record Recovery(Kind kind, long gapSeconds, String detail) {
        /** Kinds of guarantee. */
        public enum Kind {
            /** The first connection: live from now. */
            LIVE,
            /** After a reconnect every missed message was replayed, in order, with no duplicate. */
            RECOVERED,
            /** After a reconnect some messages may be missing. */
            GAP
        }

        public static final Recovery LIVE = new Recovery(Kind.LIVE, 0, null);

        /** {@code live}, {@code recovered}, {@code gap: 12 s (server without recovery)}. */
        public String describe() {
            return switch (kind) {
                case LIVE -> "live";
                case RECOVERED -> "recovered";
                case GAP -> "gap: " + gapSeconds + " s" + (detail == null ? "" : " (" + detail + ")");
            };
        }
    }

    /** One desired channel. */
    public record Subscription(String channel, Ack ack, int attempts) {
        /** Acknowledgement states. */
        public enum Ack {
            /** Not sent on this connection yet (offline, or about to be sent). */
            NOT_SENT,
            /** Sent, waiting for {@code subscribed}. */
            PENDING,
            /** No acknowledgement within the timeout: shown and retried. */
            MISSING,
            /** {@code subscribed} received. */
            ACKED
        }
    }

    /** Message counters. */
    public record Counters(long received, long recovered, long duplicates, long queued, long droppedFromQueue,
                           long invalid, long oversized, long unknownTypes, long binary) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** {@code connected · websocket · rtt 3 ms · recovered}, {@code reconnecting in 4 s: ...}, {@code polling}. */
    public String describe(Instant now) {
        String base = switch (connection.kind()) {
            case CONNECTED -> mode == Mode.POLLING ? "polling" : "connected";
            default -> connection.describe(now);
        };
        StringBuilder b = new StringBuilder(base);
        if (connection.kind() == ConnectionState.Kind.CONNECTED) {
            if (rttMillis >= 0 && mode == Mode.WEBSOCKET) {
                b.append(" · rtt ").append(rttMillis).append(" ms");
            }
            b.append(" · ").append(recovery.describe());
        }
        return b.toString();
    }
}
