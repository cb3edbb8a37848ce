package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;

/**
 * Sliding window counter: the current window's count plus the previous window's count weighted by the
 * part of it still inside the sliding window. Compared as integers scaled by the window length, so
 * the retry-after computed here is exact.
 */
final class SlidingWindowState extends KeyState {
    private final long limit;
    private final long window;
    private long start;
    private long current;
    private long previous;

    SlidingWindowState(LimitConfig c, long now) {
        super(now);
        this.limit = c.capacity();
        this.window = c.periodNanos();
        this.start = Math.floorDiv(now, window) * window;
    }

    private void roll() {
        long s = Math.floorDiv(last, window) * window;
        if (s == start) {
            return;
        }
        previous = s == start + window ? current : 0;
        current = 0;
        start = s;
    }

    /** Weighted count scaled by the window length. */
    private long weighted(long elapsed) {
        return previous * (window - elapsed) + current * window;
    }

    @Override
    public Decision evaluate(long now, long cost, boolean commit) {
        long behind = advance(now);
        roll();
        long elapsed = last - start;
        long used = weighted(elapsed);
        long resetIn = (current > 0 ? start + 2 * window - last : previous > 0 ? start + window - last : 0) + behind;
        if (used + cost * window <= limit * window) {
            if (commit) {
                current += cost;
                used += cost * window;
                resetIn = start + 2 * window - last + behind;
            }
            return Decision.allow((limit * window - used) / window, resetIn, limit);
        }
        return Decision.reject(Math.max(0, (limit * window - used) / window), retryAfter(cost, elapsed) + behind,
                resetIn, limit);
    }

    /** Smallest wait after which {@code cost} fits, assuming nothing else is consumed. */
    private long retryAfter(long cost, long elapsed) {
        if (current + cost <= limit) {
            // fits in this window once enough of the previous one has slid out
            long allowedPrev = (limit - current - cost) * window / previous;  // floor; previous > 0 here
            return window - allowedPrev - elapsed;
        }
        // next window: current becomes previous
        long into = current == 0 ? 0 : Math.max(0, window - (limit - cost) * window / current);
        return window - elapsed + into;
    }

    @Override
    public boolean idle(long now) {
        return now >= last && now >= start + (current > 0 ? 2 * window : previous > 0 ? window : 0);
    }
}
