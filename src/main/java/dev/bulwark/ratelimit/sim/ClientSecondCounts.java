package dev.bulwark.ratelimit.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * One limiter's per-client counts for the second in progress; single-threaded. Recording is two array
 * increments (plus one store the first time a client appears in the second), and only the clients seen in
 * the second are visited when it is drained, so the hot path stays as cheap as the per-limiter counters.
 */
final class ClientSecondCounts {
    private final int top;
    private final List<String> names;
    /** Offered at {@code 2 * client}, allowed next to it: one cache line for both. */
    private final int[] counts;
    private final int[] touched;
    private int touchedCount;
    private final int[] best;

    /**
     * @param names client names by index (the run's fixed client list)
     * @param top   how many of the busiest clients to keep per second; 0 or less turns counting off
     */
    ClientSecondCounts(List<String> names, int top) {
        this.top = Math.max(0, top);
        this.names = names;
        int n = this.top == 0 ? 0 : names.size();
        this.counts = new int[2 * n];
        this.touched = new int[n];
        this.best = new int[this.top];
    }

    boolean enabled() {
        return top > 0;
    }

    void record(int client, boolean ok) {
        int i = client << 1;
        if (counts[i]++ == 0) {
            touched[touchedCount++] = client;
        }
        if (ok) {
            counts[i + 1]++;
        }
    }

    /**
     * The busiest clients of the second (most offered first, ties in client order) and resets the counts
     * for the next second.
     */
    List<ClientResult> drain() {
        int kept = 0;
        for (int i = 0; i < touchedCount; i++) {
            int c = touched[i];
            if (kept == top && !busier(c, best[kept - 1])) {
                continue;
            }
            int pos = kept == top ? kept - 1 : kept++;
            while (pos > 0 && busier(c, best[pos - 1])) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = c;
        }
        List<ClientResult> out = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            int c = best[i];
            out.add(new ClientResult(names.get(c), counts[c << 1], counts[(c << 1) + 1]));
        }
        for (int i = 0; i < touchedCount; i++) {
            counts[touched[i] << 1] = 0;
            counts[(touched[i] << 1) + 1] = 0;
        }
        touchedCount = 0;
        return out;
    }

    private boolean busier(int a, int b) {
        int x = counts[a << 1];
        int y = counts[b << 1];
        return x > y || (x == y && a < b);
    }
}
