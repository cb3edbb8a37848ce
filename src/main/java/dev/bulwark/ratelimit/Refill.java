package dev.bulwark.ratelimit;

/** How a token bucket refills. */
public enum Refill {
    /** Continuously: a fraction of a token accrues every nanosecond (Bucket4j's "greedy"). */
    GREEDY,
    /** In steps: all {@code tokens} arrive together at the end of each {@code period}. */
    INTERVAL
}
