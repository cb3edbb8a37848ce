package dev.bulwark.ratelimit.bench;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Bucket4j's counterpart of {@code ContentionWorker}, run in its own JVM: hammers one Bucket4j bucket in
 * Redis and prints how many requests it was granted. Args: URI KEY ATTEMPTS CAPACITY.
 */
public final class Bucket4jContentionWorker {
    private Bucket4jContentionWorker() {
    }

    public static void main(String[] args) {
        RedisClient client = RedisClient.create(args[0]);
        try (var conn = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            long capacity = Long.parseLong(args[3]);
            BucketConfiguration cfg = BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(capacity)
                    .refillGreedy(1, Duration.ofHours(1)).build()).build();
            AsyncBucketProxy bucket = Bucket4jLettuce.casBasedBuilder(conn).build().asAsync().builder()
                    .build(args[1], cfg);
            int attempts = Integer.parseInt(args[2]);
            long allowed = 0;
            long failed = 0;
            for (int batch = 0; batch < attempts / 100; batch++) {
                List<CompletableFuture<Boolean>> fs = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    fs.add(bucket.tryConsume(1));
                }
                for (CompletableFuture<Boolean> f : fs) {
                    try {
                        if (f.join()) {
                            allowed++;
                        }
                    } catch (RuntimeException e) {
                        failed++;
                    }
                }
            }
            System.out.println("allowed=" + allowed + " unavailable=" + failed);
        } finally {
            client.shutdown();
        }
    }
}
