package dev.bulwark.ratelimit.sim;

/**
 * The largest total cost allowed for one key in any window {@code (t - w, t]}: a ring buffer of the
 * allowed requests still inside the window, so each request is pushed and popped once.
 */
final class WindowTracker {
    private final long window;
    private long[] times = new long[8];
    private long[] costs = new long[8];
    private int head;
    private int size;
    private long sum;
    private long max;

    WindowTracker(long window) {
        this.window = window;
    }

    /** Records an allowed request; returns the total now in the window. */
    long add(long time, long cost) {
        int mask = times.length - 1;
        while (size > 0 && time - times[head] >= window) {
            sum -= costs[head];
            head = (head + 1) & mask;
            size--;
        }
        if (size == times.length) {
            grow();
            mask = times.length - 1;
        }
        int idx = (head + size) & mask;
        times[idx] = time;
        costs[idx] = cost;
        size++;
        sum += cost;
        if (sum > max) {
            max = sum;
        }
        return sum;
    }

    long max() {
        return max;
    }

    private void grow() {
        long[] t = new long[times.length * 2];
        long[] c = new long[times.length * 2];
        for (int i = 0; i < size; i++) {
            t[i] = times[(head + i) & (times.length - 1)];
            c[i] = costs[(head + i) & (times.length - 1)];
        }
        times = t;
        costs = c;
        head = 0;
    }
}
