package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;

/** Counter per window aligned to multiples of the window length on the time source's scale. */
final class FixedWindowState extends KeyState {
    private final long limit;
    private final long window;
    private long start;
    private long count;

    FixedWindowState(LimitConfig c, long now) {
        super(now);
        this.limit = c.capacity();
        this.window = c.periodNanos();
        this.start = Math.floorDiv(now, window) * window;
    }

    @Override
    public Decision evaluate(long now, long cost, boolean commit) {
        long behind = advance(now);
        long s = Math.floorDiv(last, window) * window;
        if (s > start) {
            start = s;
            count = 0;
        }
        long resetIn = start + window - last + behind;
        if (count + cost <= limit) {
            long after = commit ? count + cost : count;
            if (commit) {
                count = after;
            }
            return Decision.allow(limit - after, after == 0 ? 0 : resetIn, limit);
        }
        return Decision.reject(limit - count, resetIn, resetIn, limit);
    }

    @Override
    public boolean idle(long now) {
        return now >= last && (count == 0 || now >= start + window);
    }
}
