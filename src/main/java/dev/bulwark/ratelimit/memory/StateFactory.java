package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.Refill;

/** Creates the per-key state for a configuration. */
@FunctionalInterface
interface StateFactory {

    /** A fresh state first seen at {@code now}. */
    Slot create(long now);

    /** The factory for {@code config}'s algorithm. */
    static StateFactory of(LimitConfig config) {
        return switch (config.algorithm()) {
            case TOKEN_BUCKET -> config.refill() == Refill.INTERVAL
                    ? now -> new IntervalBucketState(config, now)
                    // one word when the rate reduces to at most 1,024 tokens per whole nanoseconds (10/s, 3/s, 7/min);
                    // else a snapshot
                    : PackedTokenBucket.fits(config)
                    ? now -> new PackedTokenBucket(config, now)
                    : now -> new LockFreeTokenBucket(config, now);
            case GCRA -> now -> new GcraState(config, now);
            case LEAKY_BUCKET -> now -> new LeakyBucketState(config, now);
            case FIXED_WINDOW -> now -> new FixedWindowState(config, now);
            case SLIDING_WINDOW -> now -> new SlidingWindowState(config, now);
            case SLIDING_LOG -> now -> new SlidingLogState(config, now);
        };
    }
}
