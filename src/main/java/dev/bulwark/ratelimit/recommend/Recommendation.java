package dev.bulwark.ratelimit.recommend;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.LimitConfig;
import java.util.List;

/**
 * The smallest parameters of one strategy that meet the target, and their replay.
 *
 * @param strategy      the strategy
 * @param config        the recommended limiter ({@code capacity} is the limit per window or the bucket size)
 * @param rate          the bucket refill rate, null for window strategies
 * @param windowSeconds the window, 0 for buckets
 * @param predicted     keys the profile says the limit throttles
 * @param note          why this point (buckets), the boundary note (fixed window), or null
 * @param frontier      bucket strategies: the smallest capacity per rate (Pareto points only); else empty
 * @param verification  the replay of the log through the real limiter at the recommended parameters
 * @param oneLess       the replay with one unit less (limit or capacity), or null when the limit is already 1
 */
public record Recommendation(Algorithm strategy, LimitConfig config, BucketRate rate, long windowSeconds,
                             long predicted, String note, List<FrontierPoint> frontier, Verification verification,
                             Verification oneLess) {

    /** Copies. */
    public Recommendation {
        frontier = List.copyOf(frontier);
    }

    /** The limit per window or the bucket capacity. */
    public long limit() {
        return config.capacity();
    }

    /** True for token bucket and GCRA. */
    public boolean bucket() {
        return rate != null;
    }

    /** Same recommendation with its replays filled in. */
    Recommendation verified(Verification v, Verification less) {
        return new Recommendation(strategy, config, rate, windowSeconds, predicted, note, frontier, v, less);
    }

    /**
     * One point of the capacity/rate frontier.
     *
     * @param rate     refill rate
     * @param capacity smallest capacity meeting the target at that rate
     * @param admitted the most one key can pass in the horizon: {@code capacity + rate x horizon}
     */
    public record FrontierPoint(BucketRate rate, long capacity, double admitted) {
    }
}
