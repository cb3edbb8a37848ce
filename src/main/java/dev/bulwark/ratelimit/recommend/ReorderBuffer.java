package dev.bulwark.ratelimit.recommend;

import java.util.Arrays;

/**
 * Puts requests back in time order. Access logs are written when a request completes, so a line can be
 * logged after lines of requests that started later. The buffer holds the last {@code window} seconds
 * (relative to the newest time seen) and releases a second, all its requests together, once it is more than
 * {@code window} seconds older than the newest line. A line older than that arrives too late to be placed:
 * it is counted in {@link #late()} and released with the oldest second still open (it is never dropped, so
 * request counts stay exact; only its time moves later, by {@code lateness - window} at most).
 *
 * <p>Memory is a ring of {@code window + 1} per-second lists of key ids: bounded by the requests logged in
 * {@code window} seconds, whatever the length of the log.
 */
final class ReorderBuffer {

    /** Receives each second, in increasing order, with the key ids logged in it. */
    @FunctionalInterface
    interface Sink {
        /** {@code ids[0..n)} were logged at {@code second}; the array is reused after the call. */
        void second(long second, int[] ids, int n);
    }

    private final int window;
    private final Sink sink;
    private final int[][] slots;
    private final int[] sizes;
    private boolean started;
    private long newest;
    private long open;  // oldest second not yet released
    private long late;
    private long maxLateness;

    ReorderBuffer(int windowSeconds, Sink sink) {
        if (windowSeconds < 0) {
            throw new IllegalArgumentException("reorder window must be 0 or more seconds, was " + windowSeconds);
        }
        this.window = windowSeconds;
        this.sink = sink;
        this.slots = new int[windowSeconds + 1][];
        this.sizes = new int[windowSeconds + 1];
        for (int i = 0; i <= windowSeconds; i++) {
            slots[i] = new int[16];
        }
    }

    /** Adds a request of key {@code id} logged at {@code second}. */
    void add(long second, int id) {
        if (!started) {
            started = true;
            newest = second;
            open = second - window;
        } else if (second > newest) {
            newest = second;
            releaseThrough(second - window - 1);
        }
        long t = second;
        if (t < open) {
            late++;
            maxLateness = Math.max(maxLateness, newest - t);
            t = open;
        }
        int slot = (int) Math.floorMod(t, (long) slots.length);
        int n = sizes[slot];
        if (n == slots[slot].length) {
            slots[slot] = Arrays.copyOf(slots[slot], n * 2);
        }
        slots[slot][n] = id;
        sizes[slot] = n + 1;
    }

    /** Releases everything still held. */
    void finish() {
        if (started) {
            releaseThrough(newest);
        }
    }

    private void releaseThrough(long last) {
        // only window + 1 seconds can hold anything; a jump further ahead skips the empty ones
        long end = Math.min(last, open + window);
        for (long s = open; s <= end; s++) {
            int slot = (int) Math.floorMod(s, (long) slots.length);
            if (sizes[slot] > 0) {
                sink.second(s, slots[slot], sizes[slot]);
                sizes[slot] = 0;
            }
        }
        open = Math.max(open, last + 1);
    }

    /** Lines that arrived more than the window after a later line. */
    long late() {
        return late;
    }

    /** The largest lateness seen among {@link #late()} lines, in seconds. */
    long maxLateness() {
        return maxLateness;
    }
}
