package dev.bulwark.ratelimit.redis;

import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Run in a separate JVM by {@link RedisRateLimiterTest}: hammers one key with pipelined async requests
 * and prints how many were allowed. Args: URI PREFIX ATTEMPTS CAPACITY.
 */
public final class ContentionWorker {
    private ContentionWorker() {
    }

    public static void main(String[] args) {
        String uri = args[0];
        String prefix = args[1];
        int attempts = Integer.parseInt(args[2]);
        long capacity = Long.parseLong(args[3]);
        try (RedisStore store = new RedisStore(uri, RedisStoreOptions.defaults().withKeyPrefix(prefix)
                .withFailMode(FailMode.CLOSED), TimeSource.system())) {
            // one token per hour after the burst: nothing refills during the test
            RedisRateLimiter l = store.limiter(LimitConfig.tokenBucket("contention", capacity, 1, Duration.ofHours(1)));
            long allowed = 0;
            long unavailable = 0;
            for (int batch = 0; batch < attempts / 100; batch++) {
                List<CompletableFuture<dev.bulwark.ratelimit.Decision>> fs = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    fs.add(l.tryAcquireAsync("hot", 1).toCompletableFuture());
                }
                for (var f : fs) {
                    var d = f.join();
                    if (d.allowed()) {
                        allowed++;
                    }
                    if (d.reason() == dev.bulwark.ratelimit.Reason.STORE_UNAVAILABLE) {
                        unavailable++;
                    }
                }
            }
            System.out.println("allowed=" + allowed + " unavailable=" + unavailable);
        }
    }
}
