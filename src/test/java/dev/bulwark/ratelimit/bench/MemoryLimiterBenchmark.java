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
 * remaining tokens. The {@code ...Thirds} cases refill 300,000,000/s, a token every 3 1/3 ns: a rate whose token
 * is not a whole number of nanoseconds.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryLimiterBenchmark {
    static final long CAPACITY = 1_000_000;
    static final long RATE = 1_000_000_000L;
    static final long RATE_THIRDS = 300_000_000L;

    /** Shared limiters and keys. */
    @State(Scope.Benchmark)
    public static class Limiters {
        InMemoryRateLimiter ours;
        InMemoryRateLimiter oursThirds;
        ConcurrentHashMap<String, Bucket> buckets;
        ConcurrentHashMap<String, Bucket> bucketsThirds;
        Bucket bare;
        String[] keys;

        @Setup
        public void setup() {
            ours = new InMemoryRateLimiter(LimitConfig.tokenBucket("bench", CAPACITY, RATE, Duration.ofSeconds(1)),
                    TimeSource.system());
            oursThirds = new InMemoryRateLimiter(LimitConfig.tokenBucket("thirds", CAPACITY, RATE_THIRDS,
                    Duration.ofSeconds(1)), TimeSource.system());
            buckets = new ConcurrentHashMap<>();
            bucketsThirds = new ConcurrentHashMap<>();
            bare = newBucket(RATE);
            keys = new String[10_000];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = "key-" + i;
            }
        }

        static Bucket newBucket(long rate) {
            return Bucket.builder().addLimit(Bandwidth.builder().capacity(CAPACITY)
                    .refillGreedy(rate, Duration.ofSeconds(1)).build()).build();
        }

        Bucket bucket(String key) {
            Bucket b = buckets.get(key);
            return b != null ? b : buckets.computeIfAbsent(key, k -> newBucket(RATE));
        }

        Bucket bucketThirds(String key) {
            Bucket b = bucketsThirds.get(key);
            return b != null ? b : bucketsThirds.computeIfAbsent(key, k -> newBucket(RATE_THIRDS));
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

    @Benchmark
    @Threads(2)
    public long oursTwoThreadsHotKeyThirds(Limiters l) {
        return l.oursThirds.tryAcquire("hot", 1).remaining();
    }

    @Benchmark
    @Threads(2)
    public long bucket4jTwoThreadsHotKeyThirds(Limiters l) {
        return l.bucketThirds("hot").tryConsumeAndReturnRemaining(1).getRemainingTokens();
    }

    @Benchmark
    public long oursHotKeyThirds(Limiters l) {
        return l.oursThirds.tryAcquire("hot", 1).remaining();
    }

    @Benchmark
    public long bucket4jHotKeyThirds(Limiters l) {
        return l.bucketThirds("hot").tryConsumeAndReturnRemaining(1).getRemainingTokens();
    }
}
