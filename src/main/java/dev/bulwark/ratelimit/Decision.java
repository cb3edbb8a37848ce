package dev.bulwark.ratelimit;

import java.time.Duration;

/**
 * The outcome of one limiter call.
 *
 * @param allowed         whether the request may proceed
 * @param remaining       allowance left after this decision (in cost units), never negative
 * @param retryAfterNanos 0 when allowed; otherwise the wait after which the same request succeeds
 *                        (if nothing else consumes meanwhile); {@link #NEVER} when waiting cannot help
 * @param resetAfterNanos wait until the key is back to its full allowance
 * @param limit           the configured capacity (burst or window limit)
 * @param reason          why
 */
public record Decision(boolean allowed, long remaining, long retryAfterNanos, long resetAfterNanos, long limit,
                       Reason reason) {

    /** {@link #retryAfterNanos()} when retrying can never succeed. */
    public static final long NEVER = Long.MAX_VALUE;

    /** Validates the invariants. */
    public Decision {
        if (remaining < 0 || retryAfterNanos < 0 || resetAfterNanos < 0) {
            throw new IllegalArgumentException("negative field in decision: remaining=" + remaining
                    + " retryAfter=" + retryAfterNanos + " resetAfter=" + resetAfterNanos);
        }
    }

    /** A request allowed with {@code remaining} left. */
    public static Decision allow(long remaining, long resetAfterNanos, long limit) {
        return new Decision(true, remaining, 0, resetAfterNanos, limit, Reason.ALLOWED);
    }

    /** A request rejected for lack of allowance. */
    public static Decision reject(long remaining, long retryAfterNanos, long resetAfterNanos, long limit) {
        return new Decision(false, remaining, retryAfterNanos, resetAfterNanos, limit, Reason.RATE_LIMITED);
    }

    /** {@link #retryAfterNanos()} as a {@link Duration}; {@code null} when retrying cannot help. */
    public Duration retryAfter() {
        return retryAfterNanos == NEVER ? null : Duration.ofNanos(retryAfterNanos);
    }

    /** {@link #resetAfterNanos()} as a {@link Duration}. */
    public Duration resetAfter() {
        return Duration.ofNanos(resetAfterNanos);
    }
}
