package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.LimiterBackend;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.TimeSource;

/**
 * Creates {@link InMemoryRateLimiter}s.
 *
 * @param maxKeys bound on keys per limiter
 */
public record InMemoryBackend(int maxKeys) implements LimiterBackend {

    @Override
    public RateLimiter create(LimitConfig config, TimeSource time) {
        return new InMemoryRateLimiter(config, time, maxKeys);
    }

    @Override
    public boolean followsInjectedTime() {
        return true;
    }

    @Override
    public String label() {
        return "memory";
    }
}
