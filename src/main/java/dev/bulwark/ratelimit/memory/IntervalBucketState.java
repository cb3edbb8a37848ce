package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;

/** Token bucket that adds all {@code tokens} at once at the end of each period ("interval" refill). */
final class IntervalBucketState extends KeyState {
    private final long capacity;
    private final long perInterval;
    private final long period;
    private long tokens;
    private long anchor;   // start of the current refill interval

    IntervalBucketState(LimitConfig c, long now) {
        super(now);
        this.capacity = c.capacity();
        this.perInterval = c.tokens();
        this.period = c.periodNanos();
        this.tokens = capacity;
        this.anchor = now;
    }

    private void refill(long now) {
        advance(now);
        long intervals = (last - anchor) / period;
        if (intervals == 0) {
            return;
        }
        anchor += intervals * period;  // <= elapsed, cannot overflow
        long needed = ceilDiv(capacity - tokens, perInterval);
        tokens = intervals >= needed ? capacity : tokens + intervals * perInterval;
    }

    private long waitFor(long missing, long now) {
        if (missing <= 0) {
            return 0;
        }
        return anchor + ceilDiv(missing, perInterval) * period - now;
    }

    @Override
    public Decision evaluate(long now, long cost, boolean commit) {
        refill(now);
        if (tokens >= cost) {
            long after = commit ? tokens - cost : tokens;
            if (commit) {
                tokens = after;
            }
            return Decision.allow(after, waitFor(capacity - after, now), capacity);
        }
        return Decision.reject(tokens, waitFor(cost - tokens, now), waitFor(capacity - tokens, now), capacity);
    }

    @Override
    public boolean idle(long now) {
        return now >= last && (tokens == capacity || now - anchor >= ceilDiv(capacity - tokens, perInterval) * period);
    }
}
