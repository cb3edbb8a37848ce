package dev.bulwark.docker.alert;

import java.time.Instant;

/**
 * Something an operator should look at now.
 *
 * @param at            when it was raised
 * @param kind          what happened
 * @param engine        engine name
 * @param containerId   container id
 * @param containerName container name
 * @param message       one line for a notification or list
 */
public record Alert(Instant at, Kind kind, String engine, String containerId, String containerName, String message) {

    /** Alert kinds. */
    public enum Kind {
        /** Health check turned unhealthy. */
        UNHEALTHY,
        /** Exited with a non-zero code or OOM-killed, without anyone stopping it. */
        DIED,
        /** Restarted by its restart policy more than N times within M minutes. */
        RESTART_LOOP
    }
}
