package dev.bulwark.docker.monitor;

import java.time.Duration;

/**
 * Reconnect delays: doubling from {@code initial}, capped at {@code max}. The cap keeps recovery
 * within a few seconds of a daemon coming back.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
    }

    /** 0.5 s, 1 s, 2 s, then 3 s: a returning daemon is picked up within about 3 s. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));
    }

    /** Delay before attempt {@code failures} (1 = first retry). */
    public Duration delay(int failures) {
        Duration d = initial;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
