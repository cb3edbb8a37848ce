package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;

/**
 * The mutable state of one key, made thread-safe by locking the instance for each call.
 * Every state remembers the latest time it has seen and evaluates at {@code max(now, latest)}, so a clock
 * that goes backwards can only make a decision stricter, never grant extra.
 */
public abstract class KeyState implements Slot {
    /** Latest time seen (ns). */
    protected long last;
    /** Set under the lock when the store evicts this state; holders must look the key up again. */
    private boolean removed;

    /** A state first seen at {@code now}. */
    protected KeyState(long now) {
        this.last = now;
    }

    /**
     * Decides a request of {@code cost} (already checked to be within capacity) at {@code now}.
     *
     * @param commit false for a dry run (peek) that must not consume
     */
    public abstract Decision evaluate(long now, long cost, boolean commit);

    /** True when this state is indistinguishable from a fresh one at {@code now}, so it may be dropped. */
    public abstract boolean idle(long now);

    @Override
    public final synchronized Decision decide(long now, long cost, boolean commit) {
        return removed ? null : evaluate(now, cost, commit);
    }

    @Override
    public final synchronized boolean evictIfIdle(long now) {
        if (!removed && idle(now)) {
            removed = true;
        }
        return removed;
    }

    @Override
    public final synchronized void evict() {
        removed = true;
    }

    @Override
    public final synchronized long lastSeen() {
        return last;
    }

    /** Moves the clock forward; returns the extra wait owed because {@code now} is behind what was seen. */
    protected final long advance(long now) {
        if (now > last) {
            last = now;
            return 0;
        }
        return last - now;
    }

    /** {@code ceil(a / b)} for {@code a >= 0, b > 0}. */
    protected static long ceilDiv(long a, long b) {
        long q = a / b;
        return q * b == a ? q : q + 1;
    }
}
