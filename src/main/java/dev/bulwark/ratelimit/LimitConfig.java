package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * One limiter configuration, immutable. The meaning of the numbers depends on the algorithm:
 * <ul>
 *   <li>token bucket, GCRA, leaky bucket: {@code capacity} is the burst (bucket size) and the
 *       rate is {@code tokens} per {@code period};</li>
 *   <li>fixed window, sliding window, sliding log: {@code capacity} is the limit per window of
 *       length {@code period}; {@code tokens} is ignored (set equal to capacity).</li>
 * </ul>
 * Rates are kept as exact integer ratios (reduced by their gcd) so decisions never drift.
 *
 * @param name      label used in reports and as part of store keys
 * @param algorithm the strategy
 * @param capacity  burst size or window limit, at least 1
 * @param tokens    tokens added per period (bucket strategies), at least 1
 * @param period    refill period or window length, at least 1 microsecond
 * @param refill    token bucket refill style; ignored by the other strategies
 */
public record LimitConfig(String name, Algorithm algorithm, long capacity, long tokens, Duration period,
                          Refill refill) {

    /** Products of capacity and period (in nanoseconds) must stay below this to keep arithmetic exact. */
    static final long MAX_SCALED = 1L << 62;

    /** Validates; the messages name the offending field. */
    public LimitConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(period, "period");
        refill = refill == null ? Refill.GREEDY : refill;
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be at least 1, was " + tokens);
        }
        if (period.isNegative() || period.compareTo(Duration.ofNanos(1000)) < 0) {
            throw new IllegalArgumentException("period must be at least 1 microsecond, was " + period);
        }
        if (period.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException("period must be at most 365 days, was " + period);
        }
        long p = period.toNanos();
        long g = gcd(tokens, p);
        if (!scaledFits(capacity, p / g) || !scaledFits(capacity, p)) {
            throw new IllegalArgumentException("capacity " + capacity + " with period " + period
                    + " is too large to compute exactly; use a shorter period");
        }
    }

    /** A token bucket with continuous refill. */
    public static LimitConfig tokenBucket(String name, long capacity, long tokens, Duration period) {
        return new LimitConfig(name, Algorithm.TOKEN_BUCKET, capacity, tokens, period, Refill.GREEDY);
    }

    /** A token bucket that adds {@code tokens} at the end of each {@code period}. */
    public static LimitConfig intervalBucket(String name, long capacity, long tokens, Duration period) {
        return new LimitConfig(name, Algorithm.TOKEN_BUCKET, capacity, tokens, period, Refill.INTERVAL);
    }

    /** GCRA emitting {@code tokens} per {@code period} with a burst tolerance of {@code burst}. */
    public static LimitConfig gcra(String name, long burst, long tokens, Duration period) {
        return new LimitConfig(name, Algorithm.GCRA, burst, tokens, period, Refill.GREEDY);
    }

    /** A leaky bucket meter of size {@code capacity} draining {@code tokens} per {@code period}. */
    public static LimitConfig leakyBucket(String name, long capacity, long tokens, Duration period) {
        return new LimitConfig(name, Algorithm.LEAKY_BUCKET, capacity, tokens, period, Refill.GREEDY);
    }

    /** A window strategy: at most {@code limit} per {@code window}. */
    public static LimitConfig window(String name, Algorithm algorithm, long limit, Duration window) {
        return new LimitConfig(name, algorithm, limit, limit, window, Refill.GREEDY);
    }

    /** The period in nanoseconds. */
    public long periodNanos() {
        return period.toNanos();
    }

    /** Rate numerator after reduction: {@link #rateTokens()} tokens every {@link #ratePeriodNanos()} ns. */
    public long rateTokens() {
        return tokens / gcd(tokens, periodNanos());
    }

    /** Rate denominator after reduction, in nanoseconds. */
    public long ratePeriodNanos() {
        return periodNanos() / gcd(tokens, periodNanos());
    }

    /** True for the strategies whose allowance refills continuously from a rate. */
    public boolean isBucket() {
        return algorithm == Algorithm.TOKEN_BUCKET || algorithm == Algorithm.GCRA
                || algorithm == Algorithm.LEAKY_BUCKET;
    }

    /** A short human description, e.g. {@code token-bucket cap=20 rate=10/PT1S}. */
    public String describe() {
        if (isBucket()) {
            String r = algorithm == Algorithm.TOKEN_BUCKET && refill == Refill.INTERVAL ? " interval" : "";
            return algorithm.id() + r + " cap=" + capacity + " rate=" + tokens + "/" + period;
        }
        return algorithm.id() + " limit=" + capacity + "/" + period;
    }

    /** {@code a * b < MAX_SCALED} for {@code a, b >= 0}, also when the product passes 2^63 (where it reads negative). */
    private static boolean scaledFits(long a, long b) {
        long low = a * b;
        return Math.multiplyHigh(a, b) == 0 && low >= 0 && low < MAX_SCALED;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
