package dev.bulwark.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.Reason;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.testsupport.LocalRedis;
import dev.bulwark.testsupport.RedisServerSupport;
import dev.bulwark.testsupport.RedisServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stops and restarts a private redis-server (started here, stopped by its process handle) under a live store. */
class RedisReconnectTest {
    @RegisterExtension
    static final RedisServers REDIS = RedisServers.onDemand("bulwark-redis-reconnect");

    @Test
    void failsClosedWhileRedisIsDownAndRecoversByItself() throws Exception {
        int port = RedisServerSupport.freePort();
        LocalRedis server = REDIS.start(port);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        var options = new RedisStoreOptions("bulwark-reconnect:", FailMode.CLOSED, Duration.ofMillis(300),
                Duration.ofMillis(200), errors::add);
        try (RedisStore store = new RedisStore("redis://127.0.0.1:" + port, options, TimeSource.system())) {
            RedisRateLimiter l = store.limiter(LimitConfig.tokenBucket("tb", 1000, 1000, Duration.ofSeconds(1)));
            assertThat(l.tryAcquire("k").reason()).isEqualTo(Reason.ALLOWED);

            server.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> l.tryAcquire("k").reason() == Reason.STORE_UNAVAILABLE);
            Decision down = l.tryAcquire("k");
            assertThat(down.allowed()).isFalse();
            assertThat(errors).isNotEmpty();

            REDIS.start(port);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> l.tryAcquire("k").reason() == Reason.ALLOWED);
        }
    }
}
