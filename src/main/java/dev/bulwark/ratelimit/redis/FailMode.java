package dev.bulwark.ratelimit.redis;

/** What a limiter answers while its store is unreachable. */
public enum FailMode {
    /** Allow requests (availability over protection). */
    OPEN,
    /** Reject requests (protection over availability). */
    CLOSED
}
