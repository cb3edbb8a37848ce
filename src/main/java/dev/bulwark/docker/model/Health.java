package dev.bulwark.docker.model;

import java.util.Locale;

/** Health-check status; {@link #NONE} when the container has no health check. */
public enum Health {
    HEALTHY, UNHEALTHY, STARTING, NONE;

    /** Parses {@code State.Health.Status}; null or unknown means no health check. */
    public static Health parse(String status) {
        if (status == null || status.isBlank()) {
            return NONE;
        }
        return switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "healthy" -> HEALTHY;
            case "unhealthy" -> UNHEALTHY;
            case "starting" -> STARTING;
            default -> NONE;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
