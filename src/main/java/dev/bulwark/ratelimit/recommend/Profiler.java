package dev.bulwark.ratelimit.recommend;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the per-key profile in one pass over the time-ordered requests: O(1) amortised work per request
 * and window, O(rates) per key and second with requests.
 */
final class Profiler implements ReorderBuffer.Sink {
    private final long[] windows;
    private final BucketRate[] rates;
    private final List<KeyProfile> keys = new ArrayList<>();
    private int[] touched = new int[64];
    private long nextSweep = Long.MIN_VALUE;

    Profiler(List<Long> windows, List<BucketRate> rates) {
        this.windows = windows.stream().mapToLong(Long::longValue).toArray();
        this.rates = rates.toArray(BucketRate[]::new);
    }

    @Override
    public void second(long second, int[] ids, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            int id = ids[i];
            while (id >= keys.size()) {
                keys.add(new KeyProfile(windows.length, rates.length));
            }
            KeyProfile k = keys.get(id);
            if (k.pendingSecond != second) {
                k.pendingSecond = second;
                k.pending = 0;
                if (m == touched.length) {
                    touched = java.util.Arrays.copyOf(touched, m * 2);
                }
                touched[m++] = id;
            }
            k.pending++;
        }
        // requests of one key in one second are one instant: the key sees them together
        for (int i = 0; i < m; i++) {
            KeyProfile k = keys.get(touched[i]);
            k.add(second, k.pending, windows, rates);
        }
        if (second >= nextSweep) {
            for (KeyProfile k : keys) {
                k.release(second, windows);
            }
            nextSweep = second + windows[windows.length - 1];
        }
    }

    /** The profile of {@code names} (by id). */
    Profile result(List<String> names) {
        int n = keys.size();
        int metrics = windows.length * 3 + rates.length;
        long[][] needs = new long[metrics][n];
        long[] requests = new long[n];
        for (int k = 0; k < n; k++) {
            KeyProfile p = keys.get(k);
            requests[k] = p.total;
            for (int m = 0; m < metrics; m++) {
                needs[m][k] = p.need[m];
            }
        }
        return new Profile(List.copyOf(names.subList(0, n)), requests,
                java.util.Arrays.stream(windows).boxed().toList(), List.of(rates), needs);
    }
}
