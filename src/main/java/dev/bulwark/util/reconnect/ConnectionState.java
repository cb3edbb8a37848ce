package dev.bulwark.util.reconnect;

import java.time.Duration;
import java.time.Instant;

/**
 * The state of one long-lived connection kept by a {@link ReconnectLoop}: a container engine, a gateway.
 *
 * @param kind          the state
 * @param reason        why it is not connected (null when connected or connecting for the first time)
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

    /** Seconds until the next attempt, rounded up; 0 when none is scheduled or it is due. */
    public long secondsToNextAttempt(Instant now) {
        return nextAttemptAt == null ? 0 : Math.max(0, (Duration.between(now, nextAttemptAt).toMillis() + 999) / 1000);
    }

    /** {@code connected}, {@code reconnecting in 3 s: connection refused}, {@code unreachable: reason}. */
    public String describe(Instant now) {
        return switch (kind) {
            case CONNECTING -> "connecting";
            case CONNECTED -> "connected";
            case RECONNECTING -> "reconnecting in " + secondsToNextAttempt(now) + " s" + (reason == null ? "" : ": " + reason);
            case UNREACHABLE -> "unreachable: " + reason;
            case STOPPED -> "stopped";
        };
    }
}
