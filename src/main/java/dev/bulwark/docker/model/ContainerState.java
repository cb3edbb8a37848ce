package dev.bulwark.docker.model;

import java.util.Locale;

/** Docker's container states, as reported in {@code State.Status}. */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD, UNKNOWN;

    /** Parses the engine's lower-case status word; anything unknown maps to {@link #UNKNOWN}. */
    public static ContainerState parse(String status) {
        if (status == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** True while the container has processes whose stats can be streamed. */
    public boolean hasProcesses() {
        return this == RUNNING || this == PAUSED;
    }

    /** Lower-case word as the Docker CLI prints it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
