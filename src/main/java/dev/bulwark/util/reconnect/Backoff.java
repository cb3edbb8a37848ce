package dev.bulwark.util.reconnect;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code initial} by {@code factor}, capped at {@code max}, optionally with
 * full jitter (a uniform draw between zero and the capped exponential value, so that many clients losing one
 * server do not come back in lock-step). The failure count starts over once a connection has stayed up for
 * {@code resetAfter}; a zero {@code resetAfter} starts over after any successful connection.
 *
 * @param initial    delay before the first retry (the cap of the first draw when jittered)
 * @param max        the largest delay
 * @param factor     growth per failure, at least 1
 * @param fullJitter draw uniformly in {@code [0, cap]} instead of waiting the cap itself
 * @param resetAfter how long a connection must last before the failure count is forgotten
 */
public record Backoff(Duration initial, Duration max, double factor, boolean fullJitter, Duration resetAfter) {

    /** Validates; the message names the field. */
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("backoff factor must be at least 1, was " + factor);
        }
        if (resetAfter.isNegative()) {
            throw new IllegalArgumentException("backoff resetAfter must not be negative");
        }
    }

    /** Doubling without jitter, forgotten after any successful connection. */
    public Backoff(Duration initial, Duration max) {
        this(initial, max, 2.0, false, Duration.ZERO);
    }

    /**
     * The container engines' delays: 0.5 s, 1 s, 2 s, then 3 s, jittered, so a returning daemon is picked up
     * within about 3 s; any successful connection starts over.
     */
    public static Backoff engineDefaults() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), 2.0, true, Duration.ZERO);
    }

    /** The gateway client's delays: 0.5 s doubling to 30 s, full jitter, forgotten after 60 s of stable connection. */
    public static Backoff gatewayDefaults() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, true, Duration.ofSeconds(60));
    }

    /** The upper bound of the delay before attempt {@code failures} (1 = first retry): what full jitter draws under. */
    public Duration cap(int failures) {
        double nanos = initial.toNanos();
        for (int i = 1; i < failures && nanos < max.toNanos(); i++) {
            nanos *= factor;
        }
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    /**
     * The delay before attempt {@code failures}.
     *
     * @param random a uniform draw in {@code [0, 1)}; only used with full jitter
     */
    public Duration delay(int failures, DoubleSupplier random) {
        Duration cap = cap(failures);
        if (!fullJitter) {
            return cap;
        }
        return Duration.ofNanos((long) (cap.toNanos() * random.getAsDouble()));
    }
}
