package dev.bulwark.ratelimit.sim;

/** How simulated time relates to the wall clock. */
public enum SimulationMode {
    /** Simulated time jumps from request to request: deterministic for a seed, as fast as possible. */
    VIRTUAL,
    /** Requests are sent at their wall-clock time, so latency and the Redis store are real. */
    REAL_TIME
}
