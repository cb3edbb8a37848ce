package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;

/**
 * Leaky bucket as a meter: each request pours {@code cost} into a bucket of {@code capacity} that drains
 * at the configured rate; a request that would overflow is rejected. Scaled like {@link LockFreeTokenBucket}.
 */
final class LeakyBucketState extends KeyState {
    private final long capacity;
    private final long unit;
    private final long perNano;
    private final long capScaled;
    private long level;

    LeakyBucketState(LimitConfig c, long now) {
        super(now);
        this.capacity = c.capacity();
        this.unit = c.ratePeriodNanos();
        this.perNano = c.rateTokens();
        this.capScaled = capacity * unit;
    }

    private void drain(long now) {
        long before = last;
        if (now <= before) {
            return;
        }
        last = now;
        long elapsed = now - before;
        level = elapsed >= ceilDiv(level, perNano) ? 0 : level - elapsed * perNano;
    }

    @Override
    public Decision evaluate(long now, long cost, boolean commit) {
        long behind = Math.max(0, last - now);
        drain(now);
        long pour = cost * unit;
        if (level + pour <= capScaled) {
            long after = commit ? level + pour : level;
            if (commit) {
                level = after;
            }
            return Decision.allow((capScaled - after) / unit, ceilDiv(after, perNano) + behind, capacity);
        }
        long retry = ceilDiv(level + pour - capScaled, perNano) + behind;
        return Decision.reject((capScaled - level) / unit, retry, ceilDiv(level, perNano) + behind, capacity);
    }

    @Override
    public boolean idle(long now) {
        return now >= last && now - last >= ceilDiv(level, perNano);
    }
}
