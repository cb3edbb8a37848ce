package dev.bulwark.ratelimit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.ManualTimeSource;
import dev.bulwark.ratelimit.Reason;
import dev.bulwark.ratelimit.TestConfigs;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every strategy honours, driven by a manual clock. */
class LimiterSemanticsTest {

    static Stream<Arguments> configs() {
        // also start at a negative reading: System.nanoTime may be negative. TestConfigs' token bucket (3/s) is
        // a LockFreeTokenBucket; 4/s, a whole 250 ms a token, is a PackedTokenBucket.
        return Stream.concat(TestConfigs.all().stream(),
                Stream.of(LimitConfig.tokenBucket("tb-whole-ns", 10, 4, Duration.ofSeconds(1)))).flatMap(c -> Stream.of(
                Arguments.of(c, 1_000_000_000_000L), Arguments.of(c, -4_000_000_000_000_000_123L)));
    }

    private static long drain(InMemoryRateLimiter l, String key) {
        long n = 0;
        while (l.tryAcquire(key).allowed()) {
            n++;
        }
        return n;
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("configs")
    void freshKeyAllowsExactlyCapacityThenRejectsWithReason(LimitConfig c, long start) {
        var l = new InMemoryRateLimiter(c, new ManualTimeSource(start));
        assertThat(drain(l, "a")).isEqualTo(c.capacity());
        Decision d = l.tryAcquire("a");
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(d.remaining()).isZero();
        assertThat(d.retryAfterNanos()).isPositive();
        assertThat(d.limit()).isEqualTo(c.capacity());
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("configs")
    void rejectedRequestsConsumeNothing(LimitConfig c, long start) {
        var clock = new ManualTimeSource(start);
        var l = new InMemoryRateLimiter(c, clock);
        drain(l, "k");
        long retry = l.tryAcquire("k").retryAfterNanos();
        // a client that keeps retrying must not push its own unlock time further away
        for (int i = 0; i < 999; i++) {
            clock.advance(retry / 1000);
            assertThat(l.tryAcquire("k", 1 + i % 2).allowed()).isFalse();
        }
        clock.set(start + retry);
        assertThat(l.peek("k").allowed()).isTrue();
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("configs")
    void costAboveCapacityIsRejectedWithReasonAndConsumesNothing(LimitConfig c, long start) {
        var l = new InMemoryRateLimiter(c, new ManualTimeSource(start));
        Decision d = l.tryAcquire("a", c.capacity() + 1);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(Reason.COST_EXCEEDS_CAPACITY);
        assertThat(d.retryAfter()).isNull();
        assertThat(d.remaining()).isEqualTo(c.capacity());
        assertThat(l.tryAcquire("a", c.capacity()).allowed()).isTrue();
        assertThatThrownBy(() -> l.tryAcquire("a", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cost");
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("configs")
    void keysAreIsolated(LimitConfig c, long start) {
        var l = new InMemoryRateLimiter(c, new ManualTimeSource(start));
        drain(l, "alice");
        assertThat(l.tryAcquire("alice").allowed()).isFalse();
        assertThat(drain(l, "bob")).isEqualTo(c.capacity());
        assertThat(drain(l, "")).isEqualTo(c.capacity());
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("configs")
    void peekDoesNotConsumeAndResetRestoresFullAllowance(LimitConfig c, long start) {
        var l = new InMemoryRateLimiter(c, new ManualTimeSource(start));
        for (int i = 0; i < 100; i++) {
            assertThat(l.peek("p").remaining()).isEqualTo(c.capacity());
        }
        l.tryAcquire("p", 4);
        assertThat(l.peek("p").remaining()).isEqualTo(c.capacity() - 4);
        drain(l, "p");
        assertThat(l.peek("p").allowed()).isFalse();
        l.reset("p");
        assertThat(drain(l, "p")).isEqualTo(c.capacity());
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("configs")
    void timeGoingBackwardsNeverGrantsExtra(LimitConfig c, long start) {
        var clock = new ManualTimeSource(start);
        var l = new InMemoryRateLimiter(c, clock);
        clock.advance(Duration.ofMinutes(5));
        drain(l, "k");
        long retry = l.tryAcquire("k").retryAfterNanos();
        for (long back : new long[]{1, 1_000_000, Duration.ofHours(1).toNanos(), Duration.ofDays(400).toNanos()}) {
            clock.advance(-back);
            Decision d = l.tryAcquire("k");
            assertThat(d.allowed()).as("after going back %d ns", back).isFalse();
            // the wait is counted on the caller's clock, so it includes the lost time
            assertThat(d.retryAfterNanos()).isGreaterThanOrEqualTo(retry + back);
            clock.advance(back);
        }
        assertThat(l.tryAcquire("k").allowed()).isFalse();
        clock.advance(retry);
        assertThat(l.tryAcquire("k").allowed()).isTrue();
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("configs")
    void monthsOfIdleTimeNeverOverflow(LimitConfig c, long start) {
        var clock = new ManualTimeSource(start);
        var l = new InMemoryRateLimiter(c, clock);
        drain(l, "k");
        for (Duration idle : new Duration[]{Duration.ofDays(90), Duration.ofDays(365 * 50)}) {
            clock.advance(idle);
            Decision d = l.peek("k");
            assertThat(d.remaining()).isEqualTo(c.capacity());
            assertThat(d.resetAfterNanos()).isZero();
            assertThat(drain(l, "k")).isEqualTo(c.capacity());
        }
    }

    /** retryAfter is exact: one nanosecond earlier still fails, at retryAfter it succeeds. */
    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("configs")
    void retryAfterIsExactUnderRandomTraffic(LimitConfig c, long start) {
        var rnd = new SplittableRandom(7);
        var clock = new ManualTimeSource(start);
        var l = new InMemoryRateLimiter(c, clock);
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            clock.advance(rnd.nextLong(c.periodNanos() / 5));
            long cost = 1 + rnd.nextInt(4);
            Decision d = l.tryAcquire("k", cost);
            if (!d.allowed()) {
                assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED);
                long wait = d.retryAfterNanos();
                clock.advance(wait - 1);
                assertThat(l.peek("k", cost).allowed()).as("1 ns before retryAfter, step %d", i).isFalse();
                clock.advance(1);
                assertThat(l.tryAcquire("k", cost).allowed()).as("at retryAfter, step %d", i).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
