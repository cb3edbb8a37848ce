package dev.bulwark.gateway.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The application-level heartbeat of a {@link GatewayClient}'s connection: when a ping is due, which pong answers
 * which ping (they come back in order), the last round-trip time, and when a connection is dead (no pong for two
 * intervals). Driven on the client's loop thread; {@link #rttMillis()} may be read from any thread.
 */
final class Heartbeat {
    private final Duration interval;
    private final ArrayDeque<Instant> pending = new ArrayDeque<>();
    private Instant lastPingAt;
    private volatile long rttMillis = -1;

    Heartbeat(Duration interval) {
        this.interval = interval;
    }

    /** A new connection: pings sent on the old one will never be answered. */
    void newConnection() {
        pending.clear();
        lastPingAt = null;
    }

    /** A ping is due now (the first at once, then one every interval). */
    boolean due(Instant now) {
        return lastPingAt == null || Duration.between(lastPingAt, now).compareTo(interval) >= 0;
    }

    void pingSent(Instant now) {
        pending.addLast(now);
        lastPingAt = now;
    }

    /** A pong arrived: it answers the oldest ping still unanswered. */
    void pong(Instant now) {
        Instant sent = pending.pollFirst();
        if (sent != null) {
            rttMillis = Duration.between(sent, now).toMillis();
        }
    }

    /** Fails when the oldest unanswered ping is two intervals old: the connection is dead, however open it looks. */
    void checkAlive(Instant now) throws IOException {
        Instant oldest = pending.peekFirst();
        if (oldest != null && Duration.between(oldest, now).compareTo(interval.multipliedBy(2)) >= 0) {
            throw new IOException("no pong for " + Duration.between(oldest, now).toSeconds() + " s: connection dead");
        }
    }

    /** The last measured round trip, or -1 before the first. */
    long rttMillis() {
        return rttMillis;
    }

    /** A round trip measured another way (the polling session times its requests). */
    void rttMillis(long millis) {
        rttMillis = millis;
    }
}
