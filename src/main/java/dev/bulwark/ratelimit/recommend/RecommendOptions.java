package dev.bulwark.ratelimit.recommend;

import dev.bulwark.ratelimit.Algorithm;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What to recommend and from which requests.
 *
 * @param keyBy          what identifies a client
 * @param pathDepth      path segments in an {@link KeyBy#IP_PATH} key (1: {@code /api})
 * @param filter         which lines count
 * @param reorderSeconds how far out of order lines may be and still be placed exactly
 * @param targetPercent  share of keys that must never be throttled, above 0 and at most 100
 * @param strategies     the strategies to recommend (leaky bucket is not offered)
 * @param windows        window lengths in seconds for the window strategies
 * @param rates          the refill rates the bucket frontier is computed at
 * @param topKeys        how many top and throttled keys reports list
 * @param horizonSeconds the recommended bucket point is the one admitting the least in this many seconds
 */
public record RecommendOptions(KeyBy keyBy, int pathDepth, LogFilter filter, int reorderSeconds,
                               BigDecimal targetPercent, List<Algorithm> strategies, List<Long> windows,
                               List<BucketRate> rates, int topKeys, long horizonSeconds) {

    /** The windows every profile shows, whatever the recommendation windows. */
    public static final List<Long> PROFILE_WINDOWS = List.of(1L, 10L, 60L, 3600L);
    /** Strategies recommended unless told otherwise. */
    public static final List<Algorithm> DEFAULT_STRATEGIES = List.of(Algorithm.SLIDING_LOG, Algorithm.SLIDING_WINDOW,
            Algorithm.FIXED_WINDOW, Algorithm.TOKEN_BUCKET, Algorithm.GCRA);

    /** Validates and copies. */
    public RecommendOptions {
        Objects.requireNonNull(keyBy, "keyBy");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(targetPercent, "targetPercent");
        strategies = List.copyOf(strategies);
        windows = List.copyOf(windows);
        rates = List.copyOf(new TreeSet<>(rates));
        if (pathDepth < 1 || pathDepth > 16) {
            throw new IllegalArgumentException("path depth must be between 1 and 16, was " + pathDepth);
        }
        if (reorderSeconds < 0 || reorderSeconds > 3600) {
            throw new IllegalArgumentException("reorder window must be between 0 and 3600 s, was " + reorderSeconds);
        }
        if (targetPercent.signum() <= 0 || targetPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("target must be above 0 and at most 100 (percent of keys), was "
                    + targetPercent.toPlainString());
        }
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no strategy to recommend");
        }
        if (strategies.contains(Algorithm.LEAKY_BUCKET)) {
            throw new IllegalArgumentException("leaky-bucket is not recommended from logs; use token-bucket or gcra"
                    + " (the same admission as a meter)");
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no window given");
        }
        for (long w : windows) {
            if (w < 1 || w > 86_400) {
                throw new IllegalArgumentException("windows must be whole seconds between 1 s and 1 day, was " + w + " s");
            }
        }
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("no refill rate given");
        }
        if (topKeys < 0) {
            throw new IllegalArgumentException("top keys must be 0 or more, was " + topKeys);
        }
        if (horizonSeconds < 1) {
            throw new IllegalArgumentException("horizon must be at least 1 s, was " + horizonSeconds);
        }
    }

    /** The defaults: key by ip, 99 %, the default strategies, a 1 minute window, the default rate grid. */
    public static RecommendOptions defaults() {
        return new RecommendOptions(KeyBy.IP, 1, LogFilter.NONE, 60, BigDecimal.valueOf(99), DEFAULT_STRATEGIES,
                List.of(60L), BucketRate.defaultGrid(), 10, 60);
    }

    /** Copy with other strategies. */
    public RecommendOptions withStrategies(List<Algorithm> s) {
        return new RecommendOptions(keyBy, pathDepth, filter, reorderSeconds, targetPercent, s, windows, rates, topKeys,
                horizonSeconds);
    }

    /** Copy with another target. */
    public RecommendOptions withTarget(BigDecimal t) {
        return new RecommendOptions(keyBy, pathDepth, filter, reorderSeconds, t, strategies, windows, rates, topKeys,
                horizonSeconds);
    }

    /** Copy with other windows. */
    public RecommendOptions withWindows(List<Long> w) {
        return new RecommendOptions(keyBy, pathDepth, filter, reorderSeconds, targetPercent, strategies, w, rates,
                topKeys, horizonSeconds);
    }

    /** Copy with another key. */
    public RecommendOptions withKeyBy(KeyBy k) {
        return new RecommendOptions(k, pathDepth, filter, reorderSeconds, targetPercent, strategies, windows, rates,
                topKeys, horizonSeconds);
    }

    /** Copy with another filter. */
    public RecommendOptions withFilter(LogFilter f) {
        return new RecommendOptions(keyBy, pathDepth, f, reorderSeconds, targetPercent, strategies, windows, rates,
                topKeys, horizonSeconds);
    }

    /** Copy with another reorder window. */
    public RecommendOptions withReorderSeconds(int r) {
        return new RecommendOptions(keyBy, pathDepth, filter, r, targetPercent, strategies, windows, rates, topKeys,
                horizonSeconds);
    }

    /** Parses a window in whole seconds: {@code 10s}, {@code 1m}, {@code 5min}, {@code 1h}, {@code 1d} or bare seconds. */
    public static long parseWindow(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        String[][] units = {{"min", "60"}, {"s", "1"}, {"m", "60"}, {"h", "3600"}, {"d", "86400"}};
        long mult = 1;
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                t = t.substring(0, t.length() - u[0].length()).trim();
                mult = Long.parseLong(u[1]);
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad window '" + text + "'; expected whole seconds like 1s, 10s, 1m, 1h",
                    e);
        }
    }

    /** Every window profiled: the standard ones and the recommendation windows, ascending. */
    public List<Long> profileWindows() {
        TreeSet<Long> all = new TreeSet<>(PROFILE_WINDOWS);
        all.addAll(windows);
        return List.copyOf(all);
    }
}
