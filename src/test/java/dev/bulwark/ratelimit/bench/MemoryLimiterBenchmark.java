package dev.bulwark.ratelimit.bench;

import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.memory.InMemoryRateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * In-memory token bucket, ours against Bucket4j (both keyed through a ConcurrentHashMap, as a keyed
 * limiter must be; {@code bucket4jHotNoMap} is Bucket4j's bare bucket for reference). Same limit: capacity
 * 1,000,000, refill 1,000,000,000/s greedy, so nearly every decision is an allow, and both return the
 * remaining tokens.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryLimiterBenchmark {
    static final long CAPACITY = 1_000_000;
    static final long RATE = 1_000_000_000L;

    /** Shared limiters and keys. */
    @State(Scope.Benchmark)
    public static class Limiters {
        InMemoryRateLimiter ours;
        ConcurrentHashMap<String, Bucket> buckets;
        Bucket bare;
        String[] keys;

        @Setup
        public void setup() {
            ours = new InMemoryRateLimiter(LimitConfig.tokenBucket("bench", CAPACITY, RATE, Duration.ofSeconds(1)),
                    TimeSource.system());
            buckets = new ConcurrentHashMap<>();
            bare = newBucket();
            keys = new String[10_000];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = "key-" + i;
            }
        }

        static Bucket newBucket() {
            return Bucket.builder().addLimit(Bandwidth.builder().capacity(CAPACITY)
                    .refillGreedy(RATE, Duration.ofSeconds(1)).build()).build();
        }

        Bucket bucket(String key) {
            Bucket b = buckets.get(key);
            return b != null ? b : buckets.computeIfAbsent(key, k -> newBucket());
        }
    }

    /** Per-thread cursor over the 10,000 keys. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        String nextKey(String[] keys) {
            String k = keys[next];
            next = next + 1 == keys.length ? 0 : next + 1;
            return k;
        }
    }

    @Benchmark
    public long oursHotKey(Limiters l) {
        return l.ours.tryAcquire("hot", 1).remaining();
    }

    @Benchmark
    public long bucket4jHotKey(Limiters l) {
        return l.bucket("hot").tryConsumeAndReturnRemaining(1).getRemainingTokens();
    }

    @Benchmark
    public long bucket4jHotNoMap(Limiters l) {
        return l.bare.tryConsumeAndReturnRemaining(1).getRemainingTokens();
    }

    @Benchmark
    public long oursTenThousandKeys(Limiters l, Cursor c) {
        return l.ours.tryAcquire(c.nextKey(l.keys), 1).remaining();
    }

    @Benchmark
    public long bucket4jTenThousandKeys(Limiters l, Cursor c) {
        return l.bucket(c.nextKey(l.keys)).tryConsumeAndReturnRemaining(1).getRemainingTokens();
    }

    @Benchmark
    @Threads(2)
    public long oursTwoThreadsHotKey(Limiters l) {
        return l.ours.tryAcquire("hot", 1).remaining();
    }

    @Benchmark
    @Threads(2)
    public long bucket4jTwoThreadsHotKey(Limiters l) {
        return l.bucket("hot").tryConsumeAndReturnRemaining(1).getRemainingTokens();
    }
}
