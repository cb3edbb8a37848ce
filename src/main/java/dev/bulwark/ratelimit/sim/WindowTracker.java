package dev.bulwark.ratelimit.sim;

/**
 * The largest total cost allowed for one key in any window {@code (t - w, t]}: a ring buffer of the
 * allowed requests still inside the window, so each request is pushed and popped once. Its memory is bounded
 * by the limiter's shared {@link WindowBudget}: past it, the requests of one slice of the window share an entry.
 */
final class WindowTracker {
    private static final int MIN_SHRINK = 64;
    private final long window;
    private final WindowBudget budget;
    // one entry to start with: there is a tracker per key and limiter, most of which hold few requests
    private long[] times = new long[1];
    private long[] costs = new long[1];
    private int head;
    private int size;
    private long sum;
    private long max;

    WindowTracker(long window, WindowBudget budget) {
        this.window = window;
        this.budget = budget;
    }

    /** Records an allowed request; returns the total now in the window. */
    long add(long time, long cost) {
        int mask = times.length - 1;
        int expired = 0;
        while (size > 0 && time - times[head] >= window) {
            sum -= costs[head];
            head = (head + 1) & mask;
            size--;
            expired++;
        }
        budget.removed(expired);
        if (times.length > MIN_SHRINK && size < times.length / 4) {
            resize(times.length / 2);  // a key past its burst gives the memory back
            mask = times.length - 1;
        }
        long slice = budget.resolution();
        int newest = (head + size - 1) & mask;
        if (slice > 0 && size > 0 && times[newest] / slice == time / slice) {
            // same slice as the newest entry: merge, the entry now leaving the window with this request
            times[newest] = time;
            costs[newest] += cost;
        } else {
            if (size == times.length) {
                resize(times.length * 2);
                mask = times.length - 1;
            }
            int idx = (head + size) & mask;
            times[idx] = time;
            costs[idx] = cost;
            size++;
            budget.added();
        }
        sum += cost;
        if (sum > max) {
            max = sum;
        }
        return sum;
    }

    long max() {
        return max;
    }

    private void resize(int capacity) {
        long[] t = new long[capacity];
        long[] c = new long[capacity];
        for (int i = 0; i < size; i++) {
            t[i] = times[(head + i) & (times.length - 1)];
            c[i] = costs[(head + i) & (times.length - 1)];
        }
        times = t;
        costs = c;
        head = 0;
    }
}
