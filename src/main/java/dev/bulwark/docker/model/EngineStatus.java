package dev.bulwark.docker.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Connection state of one engine.
 *
 * @param engine        engine name
 * @param kind          state
 * @param reason        why it is not connected (null when connected)
 * @param since         when this state began
 * @param nextAttemptAt when the next connection attempt happens (null unless reconnecting)
 * @param info          what the engine said about its machine when it connected (null when unknown)
 */
public record EngineStatus(String engine, Kind kind, String reason, Instant since, Instant nextAttemptAt,
                           EngineInfo info) {

    /** A status with no machine information. */
    public EngineStatus(String engine, Kind kind, String reason, Instant since, Instant nextAttemptAt) {
        this(engine, kind, reason, since, nextAttemptAt, null);
    }

    /** Connection states. */
    public enum Kind {
        /** First attempt under way. */
        CONNECTING,
        /** Events and stats flowing. */
        CONNECTED,
        /** Lost or failed; another attempt is scheduled. */
        RECONNECTING,
        /** Will not be retried: the configuration is refused (e.g. plain tcp to a remote host). */
        UNREACHABLE
    }

    /** {@code connected}, {@code reconnecting in 3 s: connection refused}, {@code unreachable: reason}. */
    public String describe(Instant now) {
        return switch (kind) {
            case CONNECTING -> "connecting";
            case CONNECTED -> "connected";
            case RECONNECTING -> {
                long s = nextAttemptAt == null ? 0
                        : Math.max(0, (Duration.between(now, nextAttemptAt).toMillis() + 999) / 1000);
                yield "reconnecting in " + s + " s" + (reason == null ? "" : ": " + reason);
            }
            case UNREACHABLE -> "unreachable: " + reason;
        };
    }
}
