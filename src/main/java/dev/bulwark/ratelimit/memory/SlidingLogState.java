package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;

/**
 * Exact sliding log: remembers the time and cost of each accepted request (never the rejected ones) in
 * a growable ring buffer; a request fits when the costs in {@code (now - window, now]} plus its own stay
 * within the limit. Memory per key is bounded by the limit.
 */
final class SlidingLogState extends KeyState {
    private final long limit;
    private final long window;
    private long[] times = new long[4];
    private long[] costs = new long[4];
    private int head;
    private int size;
    private long sum;

    SlidingLogState(LimitConfig c, long now) {
        super(now);
        this.limit = c.capacity();
        this.window = c.periodNanos();
    }

    private void expire() {
        while (size > 0 && last - times[head] >= window) {
            sum -= costs[head];
            head = (head + 1) & (times.length - 1);
            size--;
        }
    }

    private void append(long time, long cost) {
        if (size == times.length) {
            long[] t = new long[size * 2];
            long[] c = new long[size * 2];
            for (int i = 0; i < size; i++) {
                t[i] = times[(head + i) & (times.length - 1)];
                c[i] = costs[(head + i) & (times.length - 1)];
            }
            times = t;
            costs = c;
            head = 0;
        }
        int idx = (head + size) & (times.length - 1);
        times[idx] = time;
        costs[idx] = cost;
        size++;
        sum += cost;
    }

    private long newestExpiry(long now) {
        return size == 0 ? 0 : times[(head + size - 1) & (times.length - 1)] + window - now;
    }

    @Override
    public Decision evaluate(long now, long cost, boolean commit) {
        advance(now);
        expire();
        if (sum + cost <= limit) {
            if (commit) {
                append(last, cost);
            }
            return Decision.allow(limit - sum, newestExpiry(now), limit);
        }
        long freed = 0;
        long retry = 0;
        for (int i = 0; i < size; i++) {
            int idx = (head + i) & (times.length - 1);
            freed += costs[idx];
            if (sum - freed + cost <= limit) {
                retry = times[idx] + window - now;
                break;
            }
        }
        return Decision.reject(limit - sum, retry, newestExpiry(now), limit);
    }

    @Override
    public boolean idle(long now) {
        return now >= last && (size == 0 || now - times[(head + size - 1) & (times.length - 1)] >= window);
    }
}
