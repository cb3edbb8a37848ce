package dev.bulwark.util.reconnect;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The state of one long-lived connection kept by a {@link ReconnectLoop}: a container engine, a gateway.
 *
 * @param kind          the state
 * @param reason        why it is not connected: the last failure (null when connected, stopped, or on the first
 *                      attempt)
 * @param since         when this state began
 * @param nextAttemptAt when the next attempt happens (null unless reconnecting)
 */
public record ConnectionState(Kind kind, String reason, Instant since, Instant nextAttemptAt) {

    /** Connection states. */
    public enum Kind {
        /** An attempt is under way (the first, or one after a wait). */
        CONNECTING,
        /** Up. */
        CONNECTED,
        /** Lost or failed; another attempt is scheduled at {@link #nextAttemptAt}. */
        RECONNECTING,
        /** Will not be retried: the configuration is refused (e.g. plain tcp to a remote host). */
        UNREACHABLE,
        /** Stopped by its owner. */
        STOPPED
    }

    /** Requires a kind and a time. */
    public ConnectionState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(since, "since");
    }

    /** An attempt under way; {@code lastFailure} is null on the first attempt. */
    public static ConnectionState connecting(String lastFailure, Instant at) {
        return new ConnectionState(Kind.CONNECTING, lastFailure, at, null);
    }

    /** Up since {@code at}. */
    public static ConnectionState connected(Instant at) {
        return new ConnectionState(Kind.CONNECTED, null, at, null);
    }

    /** Failed or lost because of {@code reason}; the next attempt at {@code nextAttemptAt}. */
    public static ConnectionState reconnecting(String reason, Instant at, Instant nextAttemptAt) {
        return new ConnectionState(Kind.RECONNECTING, reason, at, Objects.requireNonNull(nextAttemptAt));
    }

    /** Not retried because of {@code reason}. */
    public static ConnectionState unreachable(String reason, Instant at) {
        return new ConnectionState(Kind.UNREACHABLE, reason, at, null);
    }

    /** Stopped by its owner. */
    public static ConnectionState stopped(Instant at) {
        return new ConnectionState(Kind.STOPPED, null, at, null);
    }

    /**
     * True on the first attempt, before anything failed: summaries say "connecting…" then, while a retry
     * after a failure still counts as down (so a status line does not flicker between down and connecting).
     */
    public boolean firstAttempt() {
        return kind == Kind.CONNECTING && reason == null;
    }

    /** Seconds until the next attempt, rounded up; 0 when none is scheduled or it is due. */
    public long secondsToNextAttempt(Instant now) {
        return nextAttemptAt == null ? 0 : Math.max(0, (Duration.between(now, nextAttemptAt).toMillis() + 999) / 1000);
    }

    /**
     * {@code connected}, {@code reconnecting in 3 s: connection refused}, {@code reconnecting now: connection
     * refused} (a retry under way), {@code unreachable: reason}.
     */
    public String describe(Instant now) {
        return switch (kind) {
            case CONNECTING -> reason == null ? "connecting" : "reconnecting now: " + reason;
            case CONNECTED -> "connected";
            case RECONNECTING -> "reconnecting in " + secondsToNextAttempt(now) + " s" + (reason == null ? "" : ": " + reason);
            case UNREACHABLE -> "unreachable: " + reason;
            case STOPPED -> "stopped";
        };
    }
}
