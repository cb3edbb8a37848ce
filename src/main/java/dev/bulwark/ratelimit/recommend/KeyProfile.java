package dev.bulwark.ratelimit.recommend;

/**
 * The running profile of one key, fed its requests one second at a time in time order. Memory is bounded
 * per key: one state array of fixed size, plus a ring of (second, count) pairs for the seconds with
 * requests inside the largest window, so at most that window's length in entries however long the log;
 * an idle key's ring is released by {@link #release}.
 *
 * <p>Per window {@code W} it keeps, all exact at one-second resolution:
 * <ul>
 *   <li>the largest count in any {@code W} consecutive seconds: what a sliding log of limit {@code L} and
 *       window {@code W} needs ({@code L} lets through everything iff the count in every {@code (t - W, t]}
 *       stays within {@code L});</li>
 *   <li>the largest count in a window aligned to multiples of {@code W} since the epoch: the fixed window's need;</li>
 *   <li>the largest sliding-window-counter estimate {@code ceil(previous x (W - elapsed) / W + current)}
 *       at any request: the sliding window's need.</li>
 * </ul>
 * Per refill rate {@code a / P} it keeps the running token deficit {@code D = max(0, D - a x dt / P) + n},
 * scaled by {@code P} to stay integral; a bucket of capacity {@code C} starting full rejects nothing iff
 * {@code C >= max D}, so the need is {@code ceil(max D)} (the same for GCRA with burst {@code C}).
 * Until its first rejection a limiter sees exactly the logged requests, so a key is throttled iff the limit
 * is below its need: that is what makes the recommendation exact.
 */
final class KeyProfile {
    // per window: 7 longs
    private static final int SUM = 0;
    private static final int LEFT = 1;
    private static final int FIX_IDX = 2;
    private static final int FIX_CNT = 3;
    private static final int SW_START = 4;
    private static final int SW_PREV = 5;
    private static final int SW_CUR = 6;
    private static final int PER_WINDOW = 7;

    private final long[] st;
    /** Needs: 3 per window (sliding log, fixed window, sliding window), then one per rate. */
    final long[] need;
    long total;
    long lastSecond = Long.MIN_VALUE;
    // (second, count) ring for the largest window, indexed by absolute sequence numbers
    private long[] secs = new long[2];
    private int[] cnts = new int[2];
    private long tail;
    // reused by the profiler to gather one second's requests per key
    long pendingSecond = Long.MIN_VALUE;
    int pending;

    KeyProfile(int windows, int rates) {
        st = new long[windows * PER_WINDOW + rates];
        need = new long[windows * 3 + rates];
        for (int w = 0; w < windows; w++) {
            st[w * PER_WINDOW + FIX_IDX] = Long.MIN_VALUE;
            st[w * PER_WINDOW + SW_START] = Long.MIN_VALUE;
        }
    }

    /** Adds {@code n} requests at {@code sec}, which is later than any second added before. */
    void add(long sec, int n, long[] windows, BucketRate[] rates) {
        int nw = windows.length;
        // ring of the seconds inside the largest window (the last one)
        long head = nw == 0 ? tail : st[(nw - 1) * PER_WINDOW + LEFT];
        if (tail - head == secs.length) {
            grow(head);
        }
        int mask = secs.length - 1;
        secs[(int) (tail & mask)] = sec;
        cnts[(int) (tail & mask)] = n;
        tail++;
        for (int w = 0; w < nw; w++) {
            long win = windows[w];
            int b = w * PER_WINDOW;
            long sum = st[b + SUM] + n;
            long left = st[b + LEFT];
            while (secs[(int) (left & mask)] <= sec - win) {
                sum -= cnts[(int) (left & mask)];
                left++;
            }
            st[b + SUM] = sum;
            st[b + LEFT] = left;
            need[w * 3] = Math.max(need[w * 3], sum);
            long idx = Math.floorDiv(sec, win);
            if (idx != st[b + FIX_IDX]) {
                st[b + FIX_IDX] = idx;
                st[b + FIX_CNT] = 0;
            }
            long fix = st[b + FIX_CNT] + n;
            st[b + FIX_CNT] = fix;
            need[w * 3 + 1] = Math.max(need[w * 3 + 1], fix);
            long start = idx * win;
            if (start != st[b + SW_START]) {
                st[b + SW_PREV] = st[b + SW_START] != Long.MIN_VALUE && start == st[b + SW_START] + win
                        ? st[b + SW_CUR] : 0;
                st[b + SW_CUR] = 0;
                st[b + SW_START] = start;
            }
            long cur = st[b + SW_CUR] + n;
            st[b + SW_CUR] = cur;
            long estimate = ceilDiv(st[b + SW_PREV] * (win - (sec - start)) + cur * win, win);
            need[w * 3 + 2] = Math.max(need[w * 3 + 2], estimate);
        }
        int db = nw * PER_WINDOW;
        long dt = lastSecond == Long.MIN_VALUE ? 0 : sec - lastSecond;
        for (int r = 0; r < rates.length; r++) {
            long p = rates[r].periodSeconds();
            long d = st[db + r];
            long refill = rates[r].tokens();
            // scaled by P: one token is P units, dt seconds refill a x dt units
            d = dt >= ceilDiv(d, refill) ? 0 : d - refill * dt;
            d += (long) n * p;
            st[db + r] = d;
            long needed = ceilDiv(d, p);
            if (needed > need[nw * 3 + r]) {
                need[nw * 3 + r] = needed;
            }
        }
        lastSecond = sec;
        total += n;
    }

    /** Frees the ring of a key idle for longer than the largest window (its window sums are all zero then). */
    void release(long now, long[] windows) {
        if (secs.length > 2 && now - lastSecond >= windows[windows.length - 1]) {
            secs = new long[2];
            cnts = new int[2];
            for (int w = 0; w < windows.length; w++) {
                st[w * PER_WINDOW + SUM] = 0;
                st[w * PER_WINDOW + LEFT] = tail;
            }
        }
    }

    private void grow(long head) {
        int n = secs.length;
        long[] s = new long[n * 2];
        int[] c = new int[n * 2];
        for (long q = head; q < tail; q++) {
            s[(int) (q & (n * 2 - 1))] = secs[(int) (q & (n - 1))];
            c[(int) (q & (n * 2 - 1))] = cnts[(int) (q & (n - 1))];
        }
        secs = s;
        cnts = c;
    }

    private static long ceilDiv(long a, long b) {
        long q = a / b;
        return q * b == a ? q : q + 1;
    }
}
