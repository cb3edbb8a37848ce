package dev.bulwark.ratelimit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.ManualTimeSource;
import dev.bulwark.ratelimit.TestConfigs;
import dev.bulwark.util.NamedThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Thread safety and bounded size of the in-memory store. */
class InMemoryStoreTest {

    @Test
    void concurrentThreadsOnOneKeyNeverOverGrant() throws Exception {
        for (LimitConfig c : TestConfigs.all()) {
            var clock = new ManualTimeSource(0);
            var l = new InMemoryRateLimiter(LimitConfig.tokenBucket("x", 1000, 1, Duration.ofDays(1)), clock);
            var l2 = new InMemoryRateLimiter(new LimitConfig("w", c.algorithm(), 1000, 1, Duration.ofDays(1),
                    c.refill()), clock);
            for (InMemoryRateLimiter lim : List.of(l, l2)) {
                AtomicLong allowed = new AtomicLong();
                CountDownLatch go = new CountDownLatch(1);
                try (ExecutorService ex = NamedThreads.virtualExecutor("rl-test")) {
                    List<Future<?>> fs = new ArrayList<>();
                    for (int t = 0; t < 8; t++) {
                        fs.add(ex.submit(() -> {
                            go.await();
                            for (int i = 0; i < 2000; i++) {
                                if (lim.tryAcquire("hot").allowed()) {
                                    allowed.incrementAndGet();
                                }
                            }
                            return null;
                        }));
                    }
                    go.countDown();
                    for (Future<?> f : fs) {
                        f.get();
                    }
                }
                assertThat(allowed.get()).as(lim.config().describe()).isEqualTo(1000);
            }
        }
    }

    @Test
    void idleKeysAreEvictedSoTheStoreStaysBounded() {
        var clock = new ManualTimeSource(0);
        var l = new InMemoryRateLimiter(LimitConfig.tokenBucket("tb", 5, 5, Duration.ofSeconds(1)), clock, 1000);
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 1000; i++) {
                l.tryAcquire("round" + round + "-key" + i);
            }
            clock.advance(Duration.ofSeconds(2));
        }
        assertThat(l.size()).isLessThanOrEqualTo(1000);
        // every evicted key had fully recovered: dropping it changed no decision
        assertThat(l.forcedEvictions()).isZero();
    }

    @Test
    void whenFullOfActiveKeysTheLeastRecentlyUsedAreDroppedAndCounted() {
        var clock = new ManualTimeSource(0);
        var l = new InMemoryRateLimiter(LimitConfig.tokenBucket("tb", 5, 1, Duration.ofHours(1)), clock, 100);
        for (int i = 0; i < 1000; i++) {
            clock.advance(1000);
            l.tryAcquire("key" + i, 5);
        }
        assertThat(l.size()).isLessThanOrEqualTo(100);
        assertThat(l.forcedEvictions()).isGreaterThanOrEqualTo(900);
        // the most recent key survived with its state
        assertThat(l.tryAcquire("key999").allowed()).isFalse();
    }

    @Test
    void sweepingWhileThreadsHammerNeverEvictsABusyKeyOrOverGrants() throws Exception {
        for (LimitConfig base : TestConfigs.all()) {
            var clock = new ManualTimeSource(0);
            var l = new InMemoryRateLimiter(new LimitConfig("s", base.algorithm(), 1000, 1, Duration.ofDays(1),
                    base.refill()), clock, 10_000);
            AtomicLong allowed = new AtomicLong();
            try (ExecutorService ex = NamedThreads.virtualExecutor("rl-sweep-test")) {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int id = t;
                    fs.add(ex.submit(() -> {
                        for (int i = 0; i < 1500; i++) {
                            if (l.tryAcquire("hot").allowed()) {
                                allowed.incrementAndGet();
                            }
                            l.tryAcquire("cold-" + id + "-" + i);  // partly used keys the sweeper must keep
                        }
                    }));
                }
                fs.add(ex.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        clock.advance(1_000);
                        l.sweep();
                    }
                }));
                for (Future<?> f : fs) {
                    f.get();
                }
            }
            assertThat(allowed.get()).as(base.describe()).isEqualTo(1000);
            assertThat(l.forcedEvictions()).isZero();
        }
    }
}
