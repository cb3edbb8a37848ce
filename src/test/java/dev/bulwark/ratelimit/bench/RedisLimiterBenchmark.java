package dev.bulwark.ratelimit.bench;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.redis.RedisRateLimiter;
import dev.bulwark.ratelimit.redis.RedisStore;
import dev.bulwark.ratelimit.redis.RedisStoreOptions;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Token bucket decisions through Redis with async pipelining (256 requests in flight per invocation),
 * ours against Bucket4j's Lettuce backend on the same server, one connection each, 64 keys.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisLimiterBenchmark {
    static final int IN_FLIGHT = 256;

    /** Connections and limiters. */
    @State(Scope.Benchmark)
    public static class Backends {
        @Param("redis://127.0.0.1:6399")
        public String uri;

        RedisStore store;
        RedisRateLimiter ours;
        RedisClient client;
        StatefulRedisConnection<String, byte[]> conn;
        AsyncBucketProxy[] theirs;
        String[] keys;

        @Setup
        public void setup() {
            String run = UUID.randomUUID().toString();
            LimitConfig c = LimitConfig.tokenBucket("bench", 1_000_000, 1_000_000, Duration.ofSeconds(1));
            store = new RedisStore(uri, RedisStoreOptions.defaults().withKeyPrefix("bulwark:bench:" + run + ":")
                    .withFailMode(dev.bulwark.ratelimit.redis.FailMode.CLOSED), TimeSource.system());
            ours = store.limiter(c);
            client = RedisClient.create(uri);
            conn = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            var manager = Bucket4jLettuce.casBasedBuilder(conn).build().asAsync();
            BucketConfiguration cfg = BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(1_000_000)
                    .refillGreedy(1_000_000, Duration.ofSeconds(1)).build()).build();
            keys = new String[64];
            theirs = new AsyncBucketProxy[keys.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = "k" + i;
                theirs[i] = manager.builder().build("bucket4j-bench:" + run + ":" + i, cfg);
            }
        }

        @TearDown
        public void close() {
            store.close();
            conn.close();
            client.shutdown();
        }
    }

    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public long oursPipelined(Backends b) {
        List<CompletableFuture<Decision>> fs = new ArrayList<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            fs.add(b.ours.tryAcquireAsync(b.keys[i & 63], 1).toCompletableFuture());
        }
        long allowed = 0;
        for (CompletableFuture<Decision> f : fs) {
            if (f.join().allowed()) {
                allowed++;
            }
        }
        return allowed;
    }

    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public long bucket4jPipelined(Backends b) {
        List<CompletableFuture<Boolean>> fs = new ArrayList<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            fs.add(b.theirs[i & 63].tryConsume(1));
        }
        long allowed = 0;
        for (CompletableFuture<Boolean> f : fs) {
            if (f.join()) {
                allowed++;
            }
        }
        return allowed;
    }
}
