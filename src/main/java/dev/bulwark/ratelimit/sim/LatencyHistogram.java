package dev.bulwark.ratelimit.sim;

/**
 * Log-linear histogram of nanosecond latencies (32 sub-buckets per power of two, about 3% precision),
 * constant memory, no allocation when recording.
 */
final class LatencyHistogram {
    private static final int SUB = 32;
    private static final int SUB_BITS = 5;
    private final long[] counts = new long[64 * SUB];
    private long total;

    void record(long nanos) {
        long v = Math.max(0, nanos);
        int idx;
        if (v < SUB) {
            idx = (int) v;
        } else {
            int exp = 63 - Long.numberOfLeadingZeros(v);          // >= SUB_BITS
            int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
            idx = (exp - SUB_BITS + 1) * SUB + sub;
        }
        counts[idx]++;
        total++;
    }

    long count() {
        return total;
    }

    /** The latency at quantile {@code q} (0..1), in nanoseconds (bucket midpoint); 0 when empty. */
    double quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return midpoint(i);
            }
        }
        return midpoint(counts.length - 1);
    }

    private static double midpoint(int idx) {
        if (idx < SUB) {
            return idx;
        }
        int band = idx / SUB - 1;          // exp - SUB_BITS
        int sub = idx % SUB;
        double low = (SUB + sub) * Math.pow(2, band);
        double width = Math.pow(2, band);
        return low + width / 2;
    }
}
