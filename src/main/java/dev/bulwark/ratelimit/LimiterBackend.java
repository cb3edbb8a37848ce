package dev.bulwark.ratelimit;

/** Port: where limiter state lives (this process's memory, Redis, ...). */
public interface LimiterBackend {

    /** A limiter for {@code config}; {@code time} is used by backends that keep time themselves. */
    RateLimiter create(LimitConfig config, TimeSource time);

    /** True when limiters follow the injected {@link TimeSource} (so virtual time works). */
    boolean followsInjectedTime();

    /** A short label for reports, e.g. {@code memory} or {@code redis}. */
    String label();
}
