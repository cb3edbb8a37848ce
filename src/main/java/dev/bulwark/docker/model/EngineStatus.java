package dev.bulwark.docker.model;

import dev.bulwark.util.reconnect.ConnectionState;
import java.time.Instant;
import java.util.Objects;

/**
 * One engine's connection: the shared {@link ConnectionState} (kept by the engine's reconnect loop) plus what
 * is particular to engines.
 *
 * @param engine engine name
 * @param state  connection state
 * @param info   what the engine said about its machine when it connected (null when unknown or not connected)
 */
public record EngineStatus(String engine, ConnectionState state, EngineInfo info) {

    /** Requires a name and a state. */
    public EngineStatus {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(state, "state");
    }

    /** A status with no machine information. */
    public EngineStatus(String engine, ConnectionState state) {
        this(engine, state, null);
    }

    /** The state's kind. */
    public ConnectionState.Kind kind() {
        return state.kind();
    }

    /** Why it is not connected (null when connected or on the first attempt). */
    public String reason() {
        return state.reason();
    }

    /** When this state began. */
    public Instant since() {
        return state.since();
    }

    /** When the next connection attempt happens (null unless reconnecting). */
    public Instant nextAttemptAt() {
        return state.nextAttemptAt();
    }

    /** See {@link ConnectionState#describe(Instant)}. */
    public String describe(Instant now) {
        return state.describe(now);
    }
}
