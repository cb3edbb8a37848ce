package dev.bulwark.ratelimit.recommend;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.LimitConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link Profile} into the smallest parameters per strategy that leave at least the target share of
 * keys unthrottled. With {@code N} keys and a target {@code t %}, at most {@code N - ceil(N t / 100)} keys may be
 * throttled; the limit is the {@code ceil(N t / 100)}-th smallest need, so one unit less throttles at least one
 * key more than allowed (that is the tightness the replay then checks).
 */
public final class Recommender {

    private Recommender() {
    }

    /** Keys that must never be throttled: {@code ceil(keys x target / 100)}, at least 1. */
    public static long keysKept(long keys, BigDecimal targetPercent) {
        return Math.max(1, BigDecimal.valueOf(keys).multiply(targetPercent)
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact());
    }

    /** The {@code k}-th smallest (1-based) of {@code values}. */
    static long kth(long[] values, long k) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s[(int) (k - 1)];
    }

    /** Keys whose need exceeds {@code limit}: the ones that limit throttles. */
    static long over(long[] needs, long limit) {
        long n = 0;
        for (long v : needs) {
            if (v > limit) {
                n++;
            }
        }
        return n;
    }

    /** The recommendations (not yet replayed) for every strategy and window in {@code o}. */
    public static List<Recommendation> recommend(Profile p, RecommendOptions o) {
        long k = keysKept(p.keyCount(), o.targetPercent());
        List<Recommendation> out = new ArrayList<>();
        List<Recommendation.FrontierPoint> frontier = null;
        for (Algorithm a : o.strategies()) {
            switch (a) {
                case SLIDING_LOG, SLIDING_WINDOW, FIXED_WINDOW -> {
                    for (long w : o.windows()) {
                        long[] needs = p.windowNeeds(a, w);
                        long limit = Math.max(1, kth(needs, k));
                        if (!expressible(limit, Duration.ofSeconds(w))) {
                            throw new IllegalArgumentException("a limit of " + limit + " per " + w + " s is too large"
                                    + " for the limiters' exact arithmetic; use a shorter --window");
                        }
                        String note = a == Algorithm.FIXED_WINDOW ? boundaryNote(p, limit, w) : null;
                        out.add(new Recommendation(a, LimitConfig.window("recommended", a, limit, Duration.ofSeconds(w)),
                                null, w, over(needs, limit), note, List.of(), null, null));
                    }
                }
                case TOKEN_BUCKET, GCRA -> {
                    if (frontier == null) {
                        frontier = frontier(p, k, o.horizonSeconds());
                    }
                    Recommendation.FrontierPoint best = best(frontier);
                    LimitConfig c = a == Algorithm.TOKEN_BUCKET
                            ? LimitConfig.tokenBucket("recommended", best.capacity(), best.rate().tokens(), best.rate().period())
                            : LimitConfig.gcra("recommended", best.capacity(), best.rate().tokens(), best.rate().period());
                    out.add(new Recommendation(a, c, best.rate(), 0, over(p.capacityNeeds(best.rate()), best.capacity()),
                            why(best, frontier, o.horizonSeconds()), frontier, null, null));
                }
                default -> throw new IllegalArgumentException(a.id() + " is not recommended from logs");
            }
        }
        return out;
    }

    /** True when a limiter of {@code capacity} per {@code period} can be configured (exact arithmetic bound). */
    static boolean expressible(long capacity, Duration period) {
        try {
            LimitConfig.window("check", Algorithm.SLIDING_LOG, capacity, period);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The smallest capacity meeting the target at each rate, keeping only points no other point beats. */
    static List<Recommendation.FrontierPoint> frontier(Profile p, long k, long horizon) {
        List<Recommendation.FrontierPoint> all = new ArrayList<>();
        for (BucketRate r : p.rates()) {
            long cap = Math.max(1, kth(p.capacityNeeds(r), k));
            if (!expressible(cap, r.period())) {
                continue;  // a bucket this large at so slow a rate cannot be decided exactly: not a candidate
            }
            all.add(new Recommendation.FrontierPoint(r, cap, cap + r.perSecond() * horizon));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the busiest keys need buckets too large for every rate of the grid;"
                    + " give faster rates with --rates");
        }
        // rates ascend, so a point is on the frontier when its capacity is below every slower rate's
        List<Recommendation.FrontierPoint> pareto = new ArrayList<>();
        long lowest = Long.MAX_VALUE;
        for (Recommendation.FrontierPoint f : all) {
            if (f.capacity() < lowest) {
                pareto.add(f);
                lowest = f.capacity();
            }
        }
        return pareto;
    }

    /** The frontier point admitting the least per key within the horizon; the slower rate on a tie. */
    static Recommendation.FrontierPoint best(List<Recommendation.FrontierPoint> frontier) {
        Recommendation.FrontierPoint best = frontier.getFirst();
        for (Recommendation.FrontierPoint f : frontier) {
            if (f.admitted() < best.admitted() - 1e-9) {
                best = f;
            }
        }
        return best;
    }

    private static String why(Recommendation.FrontierPoint best, List<Recommendation.FrontierPoint> frontier,
                              long horizon) {
        return String.format(Locale.ROOT, "capacity %d at %s: of the %d frontier points this one lets a single key"
                        + " pass the fewest requests in any %d s (capacity + rate x %d s = %.0f); slower rates need"
                        + " a larger burst, faster ones let more sustained traffic through",
                best.capacity(), best.rate(), frontier.size(), horizon, horizon, best.admitted());
    }

    private static String boundaryNote(Profile p, long limit, long w) {
        long[] sliding = p.maxInWindow(w);
        long[] fixed = p.windowNeeds(Algorithm.FIXED_WINDOW, w);
        long beyond = 0;
        for (int i = 0; i < sliding.length; i++) {
            if (sliding[i] > limit && fixed[i] <= limit) {
                beyond++;
            }
        }
        return "windows are aligned to the clock (multiples of " + w + " s since the epoch): a key can pass up to "
                + 2 * limit + " requests in " + w + " s across a boundary (" + limit + " at the end of one window, "
                + limit + " at the start of the next); " + beyond + " key(s) sent more than " + limit
                + " in some sliding " + w + " s and still pass this limit";
    }
}
