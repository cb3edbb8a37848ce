package dev.bulwark.ratelimit.sim;

/**
 * Bounds the memory of one limiter's {@link WindowTracker}s, whatever the traffic: they keep every allowed
 * request still inside the window (exact) until all of them together hold more than {@code budget}; from then
 * on each tracker merges the requests of one slice of the window ({@link #resolution()}: the window divided by
 * {@code budget / keys}, at least 16 slices) into one entry, so a key holds at most that many plus the exact
 * entries still expiring. A merged entry leaves the window with its latest request, so the largest cost in a
 * window is then an upper bound, off by at most one slice's requests. Single-threaded.
 */
final class WindowBudget {
    private static final int MIN_SLICES = 16;

    private final long budget;
    private final long window;
    private final int keys;
    private long entries;
    private long resolution;

    /**
     * @param budget most entries kept exactly, all keys together
     * @param window the limiter's window in nanoseconds
     * @param keys   the keys of the run
     */
    WindowBudget(long budget, long window, int keys) {
        this.budget = budget;
        this.window = window;
        this.keys = Math.max(1, keys);
    }

    /** One entry more; switches to merged slices once over the budget. */
    void added() {
        if (++entries > budget && resolution == 0) {
            long slices = Math.max(MIN_SLICES, budget / keys);
            resolution = Math.max(1, window / slices);
        }
    }

    /** {@code n} entries left the window. */
    void removed(int n) {
        entries -= n;
    }

    /** 0 while exact; otherwise the width in nanoseconds of the slices whose requests share an entry. */
    long resolution() {
        return resolution;
    }

    /** Entries kept now, all keys together. */
    long entries() {
        return entries;
    }
}
