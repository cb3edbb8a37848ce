package dev.bulwark.ratelimit.recommend;

import java.util.Arrays;

/**
 * How the per-key maximum in a window spreads across keys (nearest-rank percentiles).
 *
 * @param windowSeconds the window
 * @param p50           half the keys stay at or below this
 * @param p90           90 % of keys
 * @param p99           99 % of keys
 * @param p999          99.9 % of keys
 * @param max           the busiest key
 */
public record Distribution(long windowSeconds, long p50, long p90, long p99, long p999, long max) {

    /** The distribution of {@code values} (one per key, at least one). */
    public static Distribution of(long windowSeconds, long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return new Distribution(windowSeconds, rank(s, 50), rank(s, 90), rank(s, 99), rank(s, 99.9), s[s.length - 1]);
    }

    /** Nearest-rank percentile of sorted {@code s}. */
    static long rank(long[] s, double pct) {
        int k = (int) Math.ceil(pct / 100 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, k - 1))];
    }
}
