package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The greedy token bucket without locks: an immutable snapshot swapped by compare-and-set, so threads
 * contending for one hot key retry instead of blocking. Exact integer arithmetic: with the rate reduced to
 * {@code R} tokens per {@code P} ns, one token is {@code P} units and one nanosecond refills {@code R}
 * units, so no rounding is ever carried between calls.
 * Rejections and peeks write nothing. Used when a token is not a whole number of nanoseconds (3/s, 7/min...);
 * otherwise {@link PackedTokenBucket} keeps the same state in one word without allocating.
 */
final class LockFreeTokenBucket implements Slot {
    private record Snap(long balance, long last, boolean removed) {
    }

    private final long capacity;
    private final long unit;
    private final long perNano;
    private final long capScaled;
    private final AtomicReference<Snap> state;

    LockFreeTokenBucket(LimitConfig c, long now) {
        this.capacity = c.capacity();
        this.unit = c.ratePeriodNanos();
        this.perNano = c.rateTokens();
        this.capScaled = capacity * unit;
        this.state = new AtomicReference<>(new Snap(capScaled, now, false));
    }

    private long nanosFor(long scaled) {
        return perNano == 1 ? scaled : KeyState.ceilDiv(scaled, perNano);
    }

    private long tokens(long scaled) {
        return unit == 1 ? scaled : scaled / unit;
    }

    /** The balance at {@code now}, refilled; months of idle time are compared before multiplying. */
    private long balanceAt(Snap s, long now) {
        if (now <= s.last()) {
            return s.balance();
        }
        long elapsed = now - s.last();
        long missing = capScaled - s.balance();
        return elapsed >= nanosFor(missing) ? capScaled : s.balance() + elapsed * perNano;
    }

    @Override
    public Decision decide(long now, long cost, boolean commit) {
        long need = cost * unit;
        while (true) {
            Snap s = state.get();
            if (s.removed()) {
                return null;
            }
            long behind = Math.max(0, s.last() - now);
            long balance = balanceAt(s, now);
            if (balance < need) {
                return Decision.reject(tokens(balance), nanosFor(need - balance) + behind,
                        nanosFor(capScaled - balance) + behind, capacity);
            }
            long after = commit ? balance - need : balance;
            if (!commit || state.compareAndSet(s, new Snap(after, Math.max(now, s.last()), false))) {
                return Decision.allow(tokens(after), nanosFor(capScaled - after) + behind, capacity);
            }
        }
    }

    @Override
    public boolean evictIfIdle(long now) {
        while (true) {
            Snap s = state.get();
            if (s.removed()) {
                return true;
            }
            boolean idle = now >= s.last() && now - s.last() >= nanosFor(capScaled - s.balance());
            if (!idle) {
                return false;
            }
            if (state.compareAndSet(s, new Snap(s.balance(), s.last(), true))) {
                return true;
            }
        }
    }

    @Override
    public void evict() {
        while (true) {
            Snap s = state.get();
            if (s.removed() || state.compareAndSet(s, new Snap(s.balance(), s.last(), true))) {
                return;
            }
        }
    }

    @Override
    public long lastSeen() {
        return state.get().last();
    }
}
