package dev.bulwark.ratelimit;

/**
 * A limiter for many independent keys under one {@link LimitConfig}. Implementations are thread-safe.
 * Rejected requests consume nothing.
 */
public interface RateLimiter {

    /**
     * Tries to take {@code cost} units for {@code key}.
     *
     * @throws IllegalArgumentException if {@code cost < 1} or the key is null
     */
    Decision tryAcquire(String key, long cost);

    /** Tries to take one unit for {@code key}. */
    default Decision tryAcquire(String key) {
        return tryAcquire(key, 1);
    }

    /** What a request of {@code cost} would get now, without consuming anything. */
    Decision peek(String key, long cost);

    /** What a one-unit request would get now, without consuming anything. */
    default Decision peek(String key) {
        return peek(key, 1);
    }

    /** Forgets {@code key}: its next request sees a full allowance. */
    void reset(String key);

    /** The configuration all keys share. */
    LimitConfig config();
}
