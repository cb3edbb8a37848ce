package dev.bulwark.ratelimit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.ManualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Long simulated runs against each strategy's theoretical bound. */
class AccuracyTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final long HOUR = Duration.ofHours(1).toNanos();

    /** Poisson-ish bursty traffic at about {@code rate} requests per second, random costs 1..3. */
    private record Run(List<long[]> allowed, long total) {
    }

    private static Run run(LimitConfig c, double rate, long durationNanos, long seed) {
        var rnd = new SplittableRandom(seed);
        var clock = new ManualTimeSource(0);
        var l = new InMemoryRateLimiter(c, clock);
        List<long[]> allowed = new ArrayList<>();
        long total = 0;
        while (clock.nanos() < durationNanos) {
            double gap = -Math.log(1 - rnd.nextDouble()) / rate * 1e9;
            // on/off: occasionally a burst of back-to-back requests
            clock.advance(rnd.nextInt(50) == 0 ? 0 : (long) gap);
            long cost = 1 + rnd.nextInt(3);
            Decision d = l.tryAcquire("k", cost);
            if (d.allowed()) {
                allowed.add(new long[]{clock.nanos(), cost});
                total += cost;
            }
        }
        return new Run(allowed, total);
    }

    /** Largest sum of allowed cost in any half-open window {@code (t - w, t]}, by brute force. */
    private static long maxInWindow(List<long[]> allowed, long w) {
        long best = 0;
        for (int i = 0; i < allowed.size(); i++) {
            long sum = 0;
            for (int j = i; j < allowed.size() && allowed.get(j)[0] - allowed.get(i)[0] < w; j++) {
                sum += allowed.get(j)[1];
            }
            best = Math.max(best, sum);
        }
        return best;
    }

    @Test
    void tokenBucketNeverExceedsCapacityPlusRateTimesElapsed() {
        LimitConfig c = LimitConfig.tokenBucket("tb", 20, 7, SECOND);
        Run r = run(c, 30, HOUR, 1);
        // at every allowed request, cumulative cost <= capacity + rate * t (checked as integers)
        long cumulative = 0;
        for (long[] a : r.allowed()) {
            cumulative += a[1];
            assertThat(cumulative * 1_000_000_000L).isLessThanOrEqualTo(20 * 1_000_000_000L + 7 * a[0]);
        }
        // and it is tight: over an hour of overload the limiter grants close to the bound
        assertThat(r.total()).isGreaterThan(7 * 3600 - 10);
    }

    @Test
    void intervalBucketStaysWithinItsBound() {
        LimitConfig c = LimitConfig.intervalBucket("tbi", 20, 7, SECOND);
        Run r = run(c, 30, HOUR, 2);
        long cumulative = 0;
        for (long[] a : r.allowed()) {
            cumulative += a[1];
            assertThat(cumulative).isLessThanOrEqualTo(20 + 7 * (a[0] / 1_000_000_000L));
        }
    }

    @Test
    void slidingLogNeverExceedsTheLimitInAnyWindow() {
        LimitConfig c = LimitConfig.window("log", Algorithm.SLIDING_LOG, 25, SECOND);
        Run r = run(c, 40, Duration.ofMinutes(20).toNanos(), 3);
        assertThat(maxInWindow(r.allowed(), c.periodNanos())).isEqualTo(25);
    }

    @Test
    void gcraMakesExactlyTheDecisionsOfTheTokenBucketItModels() {
        var rnd = new SplittableRandom(4);
        var clock = new ManualTimeSource(123);
        var tb = new InMemoryRateLimiter(LimitConfig.tokenBucket("tb", 15, 7, Duration.ofMillis(1300)), clock);
        var gcra = new InMemoryRateLimiter(LimitConfig.gcra("g", 15, 7, Duration.ofMillis(1300)), clock);
        for (int i = 0; i < 500_000; i++) {
            clock.advance(rnd.nextLong(400_000_000L));
            String key = "k" + rnd.nextInt(3);
            long cost = 1 + rnd.nextInt(5);
            Decision a = tb.tryAcquire(key, cost);
            Decision b = gcra.tryAcquire(key, cost);
            assertThat(b).as("step %d", i).isEqualTo(a);
        }
    }

    @Test
    void leakyBucketMeterMatchesTheTokenBucketBound() {
        LimitConfig c = LimitConfig.leakyBucket("leaky", 20, 7, SECOND);
        Run r = run(c, 30, HOUR, 5);
        long cumulative = 0;
        for (long[] a : r.allowed()) {
            cumulative += a[1];
            assertThat(cumulative * 1_000_000_000L).isLessThanOrEqualTo(20 * 1_000_000_000L + 7 * a[0]);
        }
    }

    @Test
    void fixedWindowAllowsTwiceTheLimitAcrossABoundaryButNeverMore() {
        LimitConfig c = LimitConfig.window("fixed", Algorithm.FIXED_WINDOW, 10, SECOND);
        var clock = new ManualTimeSource(0);
        var l = new InMemoryRateLimiter(c, clock);
        clock.set(999_000_000L);
        for (int i = 0; i < 10; i++) {
            assertThat(l.tryAcquire("k").allowed()).isTrue();
        }
        clock.set(1_000_000_000L);
        for (int i = 0; i < 10; i++) {
            assertThat(l.tryAcquire("k").allowed()).isTrue();
        }
        assertThat(l.tryAcquire("k").allowed()).isFalse();
        Run r = run(c, 40, Duration.ofMinutes(20).toNanos(), 6);
        assertThat(maxInWindow(r.allowed(), c.periodNanos())).isLessThanOrEqualTo(20).isGreaterThan(10);
    }

    @Test
    void slidingWindowCounterStaysWithinTwiceTheLimitAndItsWeightedEstimate() {
        LimitConfig c = LimitConfig.window("sw", Algorithm.SLIDING_WINDOW, 10, SECOND);
        Run r = run(c, 40, Duration.ofMinutes(20).toNanos(), 7);
        // the weighted estimate bounds each aligned pair of windows: allowed in [k-1, k] windows ...
        assertThat(maxInWindow(r.allowed(), c.periodNanos())).isLessThanOrEqualTo(20);
        // ... and every aligned window by itself holds at most the limit
        long[] perWindow = new long[1300];
        for (long[] a : r.allowed()) {
            perWindow[(int) (a[0] / 1_000_000_000L)] += a[1];
        }
        assertThat(java.util.Arrays.stream(perWindow).max().orElseThrow()).isLessThanOrEqualTo(10);
    }
}
