package dev.bulwark.ratelimit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.ManualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hot key: {@link PackedTokenBucket} makes exactly the decisions of {@link LockFreeTokenBucket}, and
 * many threads racing on one key while the clock moves are granted exactly the capacity plus what refilled,
 * never a unit more, for every refilling strategy.
 */
class HotKeyBucketTest {

    /**
     * The token buckets {@link PackedTokenBucket} takes: a token of whole nanoseconds, or of a fraction of up to
     * up to 1,024 parts (3/s is 333,333,333 1/3 ns a token).
     */
    static Stream<Arguments> packedBuckets() {
        List<LimitConfig> cs = List.of(
                LimitConfig.tokenBucket("bench", 1_000_000, 1_000_000_000L, Duration.ofSeconds(1)),  // 1 ns a token
                LimitConfig.tokenBucket("tb4", 10, 4, Duration.ofSeconds(1)),                        // 250 ms
                LimitConfig.tokenBucket("day", 7, 1, Duration.ofDays(1)),
                LimitConfig.tokenBucket("one", 1, 5, Duration.ofMillis(5)),
                LimitConfig.tokenBucket("third", 10, 3, Duration.ofSeconds(1)),                     // R = 3
                LimitConfig.tokenBucket("min7", 20, 7, Duration.ofMinutes(1)),                       // R = 7
                LimitConfig.tokenBucket("r13", 1000, 13, Duration.ofMillis(1)),                      // R = 13
                LimitConfig.tokenBucket("r1021", 5000, 1021, Duration.ofSeconds(1)));               // R = 1,021
        return cs.stream().flatMap(c -> Stream.of(Arguments.of(c, 1_000_000_000_000L),
                Arguments.of(c, -4_000_000_000_000_000_123L)));
    }

    @Test
    void ratesOfUpTo1024TokensPerWholeNanosecondsArePacked() {
        assertThat(PackedTokenBucket.fits(LimitConfig.tokenBucket("a", 10, 10, Duration.ofSeconds(1)))).isTrue();
        assertThat(PackedTokenBucket.fits(LimitConfig.tokenBucket("b", 10, 3, Duration.ofSeconds(1)))).isTrue();
        assertThat(PackedTokenBucket.fits(LimitConfig.tokenBucket("c", 10, 1021, Duration.ofSeconds(1)))).isTrue();
        assertThat(PackedTokenBucket.fits(LimitConfig.tokenBucket("d", 10, 1031, Duration.ofSeconds(1)))).isFalse();
        assertThat(StateFactory.of(LimitConfig.tokenBucket("a", 10, 10, Duration.ofSeconds(1))).create(0))
                .isInstanceOf(PackedTokenBucket.class);
        assertThat(StateFactory.of(LimitConfig.tokenBucket("b", 10, 3, Duration.ofSeconds(1))).create(0))
                .isInstanceOf(PackedTokenBucket.class);
        assertThat(StateFactory.of(LimitConfig.tokenBucket("d", 10, 1031, Duration.ofSeconds(1))).create(0))
                .isInstanceOf(LockFreeTokenBucket.class);
        assertThatThrownBy(() -> new PackedTokenBucket(LimitConfig.tokenBucket("d", 10, 1031,
                Duration.ofSeconds(1)), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Random traffic, single-threaded, with the clock jittering backwards, jumping by days and idling for
     * years, peeks, every cost up to the capacity, and idle eviction: both representations of the bucket give
     * equal decisions (every field), see the same latest instant and retire at the same moments.
     */
    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("packedBuckets")
    void packedMakesExactlyTheDecisionsOfTheSnapshotBucket(LimitConfig c, long start) {
        var rnd = new SplittableRandom(c.capacity() ^ start);
        long now = start;
        Slot packed = new PackedTokenBucket(c, now);
        Slot snap = new LockFreeTokenBucket(c, now);
        long p = c.periodNanos();
        int evictions = 0;
        for (int i = 0; i < 50_000; i++) {
            // a few tokens' worth forwards or back, now and then days; once 50 years (about 100 in all)
            int move = rnd.nextInt(1000);
            boolean longIdle = i == 25_000 || (move >= 850 && move < 852);
            if (i == 25_000) {
                now += Duration.ofDays(365L * 50).toNanos();
            } else if (move < 700) {
                now += rnd.nextLong(p / c.tokens() + 2);
            } else if (move < 850) {
                now -= rnd.nextLong(p / c.tokens() + 2);
            } else if (move < 852) {
                now += Duration.ofDays(1 + rnd.nextInt(30)).toNanos();
            } else if (move < 854) {
                now -= Duration.ofHours(1 + rnd.nextInt(48)).toNanos();
            }
            long cost = rnd.nextInt(10) == 0 ? c.capacity() : 1 + rnd.nextLong(Math.min(c.capacity(), 4));
            boolean commit = rnd.nextInt(5) != 0;
            Decision a = packed.decide(now, cost, commit);
            Decision b = snap.decide(now, cost, commit);
            assertThat(a).as("step %d at %d, cost %d, commit %b", i, now, cost, commit).isEqualTo(b);
            assertThat(packed.lastSeen()).isEqualTo(snap.lastSeen());
            if (longIdle || rnd.nextInt(50) == 0) {
                boolean x = packed.evictIfIdle(now);
                assertThat(x).as("idle at step %d", i).isEqualTo(snap.evictIfIdle(now));
                if (x) {
                    assertThat(packed.decide(now, 1, true)).isNull();
                    packed = new PackedTokenBucket(c, now);
                    snap = new LockFreeTokenBucket(c, now);
                    evictions++;
                }
            }
        }
        assertThat(evictions).isPositive();
        packed.evict();
        assertThat(packed.decide(now, 1, false)).isNull();
        assertThat(packed.evictIfIdle(now)).isTrue();
    }

    static Stream<LimitConfig> refilling() {
        Duration ms = Duration.ofMillis(1);
        return Stream.of(
                LimitConfig.tokenBucket("tb-whole-ns", 1000, 4, ms),   // 250,000 ns a token: PackedTokenBucket
                LimitConfig.tokenBucket("tb-third-ns", 1000, 3, ms),   // 333,333.3 ns: PackedTokenBucket, R = 3
                LimitConfig.tokenBucket("tb-1031", 1000, 1031, ms),      // R = 1031: LockFreeTokenBucket
                LimitConfig.gcra("gcra", 1000, 3, ms),
                LimitConfig.leakyBucket("leaky", 1000, 3, ms));
    }

    /**
     * Eight threads hammer one key with costs 1 to 3 while a ninth moves the manual clock forward in small
     * random steps. The clock only moves while the key holds less than half its capacity, so no refill is
     * ever lost to the cap; once it stops, the threads drain the key to under one token. Then the units
     * granted are exactly the capacity plus every whole token that refilled: one more is an over-grant (a
     * lost update), one less a refill dropped in a race.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refilling")
    void manyThreadsOnOneHotKeyAreGrantedExactlyCapacityPlusRefills(LimitConfig c) throws Exception {
        long start = 5_000_000_000L;
        var clock = new ManualTimeSource(start);
        var l = new InMemoryRateLimiter(c, clock);
        int threads = 8;
        AtomicLong granted = new AtomicLong();
        AtomicLong grants = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            workers.add(Thread.ofPlatform().name("hot-key-" + t).start(() -> {
                var rnd = new SplittableRandom(seed);
                long mine = 0;
                long n = 0;
                try {
                    go.await();
                    while (true) {
                        boolean last = stopped.get();  // read before the decision: then it sees the final clock
                        long cost = last ? 1 : 1 + rnd.nextInt(3);
                        Decision d = l.tryAcquire("hot", cost);
                        if (d.allowed()) {
                            mine += cost;
                            n++;
                        } else if (last) {
                            break;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    granted.addAndGet(mine);
                    grants.addAndGet(n);
                }
            }));
        }
        var rnd = new SplittableRandom(42);
        long maxStep = 40 * c.periodNanos() / c.tokens();  // at most about 40 tokens a step
        go.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int steps = 0;
        while (steps < 3000 && System.nanoTime() < deadline) {
            if (l.peek("hot", c.capacity() / 2).allowed()) {
                Thread.onSpinWait();  // half full or more: wait for the threads to take some
                continue;
            }
            clock.advance(1 + rnd.nextLong(maxStep));
            steps++;
        }
        stopped.set(true);
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(w.isAlive()).as("worker stuck").isFalse();
        }
        assertThat(failure.get()).isNull();
        assertThat(steps).as("the clock moved").isGreaterThan(100);
        long elapsed = clock.nanos() - start;
        long refilled = Math.multiplyExact(elapsed, c.rateTokens()) / c.ratePeriodNanos();
        assertThat(granted.get()).as("%s: %d grants over %d clock steps", c.describe(), grants.get(), steps)
                .isEqualTo(c.capacity() + refilled);
        assertThat(l.peek("hot").allowed()).isFalse();
    }
}
