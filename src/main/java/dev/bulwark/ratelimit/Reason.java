package dev.bulwark.ratelimit;

/** Why a decision came out the way it did. */
public enum Reason {
    /** Allowed within the limit. */
    ALLOWED,
    /** Rejected: not enough allowance now; {@link Decision#retryAfterNanos()} says when. */
    RATE_LIMITED,
    /** Rejected: the cost exceeds the capacity, so waiting never helps. */
    COST_EXCEEDS_CAPACITY,
    /** The store could not be reached; allowed or rejected according to the configured fail mode. */
    STORE_UNAVAILABLE
}
