package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;

/**
 * Token bucket with continuous ("greedy") refill in exact integer arithmetic. Amounts are scaled so that
 * one token is {@code P} units and one nanosecond of refill is {@code R} units, where the rate is
 * {@code R} tokens per {@code P} ns reduced by their gcd; no rounding is ever carried between calls.
 */
final class ScaledBucketState extends KeyState {
    private final long capacity;
    private final long unit;       // P: scaled units per token
    private final long perNano;    // R: scaled units per nanosecond
    private final long capScaled;
    private long balance;          // scaled tokens available

    ScaledBucketState(LimitConfig c, long now) {
        super(now);
        this.capacity = c.capacity();
        this.unit = c.ratePeriodNanos();
        this.perNano = c.rateTokens();
        this.capScaled = capacity * unit;
        this.balance = capScaled;
    }

    private void refill(long now) {
        long before = last;
        if (now <= before) {
            return;
        }
        last = now;
        long elapsed = now - before;
        long missing = capScaled - balance;
        // compare before multiplying so months of idle time cannot overflow
        balance = elapsed >= nanosFor(missing) ? capScaled : balance + elapsed * perNano;
    }

    /** Nanoseconds to accrue {@code scaled} units; skips the division for whole-nanosecond rates. */
    private long nanosFor(long scaled) {
        return perNano == 1 ? scaled : ceilDiv(scaled, perNano);
    }

    private long tokens(long scaled) {
        return unit == 1 ? scaled : scaled / unit;
    }

    @Override
    public Decision evaluate(long now, long cost, boolean commit) {
        long behind = Math.max(0, last - now);
        refill(now);
        long need = cost * unit;
        if (balance >= need) {
            long after = commit ? balance - need : balance;
            if (commit) {
                balance = after;
            }
            return Decision.allow(tokens(after), nanosFor(capScaled - after) + behind, capacity);
        }
        long retry = nanosFor(need - balance) + behind;
        return Decision.reject(tokens(balance), retry, nanosFor(capScaled - balance) + behind, capacity);
    }

    @Override
    public boolean idle(long now) {
        return now >= last && now - last >= nanosFor(capScaled - balance);
    }
}
