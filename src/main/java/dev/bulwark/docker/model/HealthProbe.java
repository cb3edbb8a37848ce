package dev.bulwark.docker.model;

import java.time.Instant;

/** One health-check run: when it ran, its exit code and (trimmed) output. */
public record HealthProbe(Instant start, Instant end, int exitCode, String output) {
}
