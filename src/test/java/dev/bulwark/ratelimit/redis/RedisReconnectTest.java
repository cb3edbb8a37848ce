package dev.bulwark.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.Reason;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.testsupport.RedisServerSupport;
import dev.bulwark.testsupport.Requirements;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Kills and restarts a private redis-server (started here, stopped by PID) under a live store. */
class RedisReconnectTest {
    private Process server;

    private Process startServer(int port) throws IOException {
        Path exe = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(exe)) {
            Requirements.missing("redis-server not installed at " + exe);
        }
        Path dir = Files.createTempDirectory("bulwark-redis-reconnect");
        Process p = new ProcessBuilder(exe.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return p;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void failsClosedWhileRedisIsDownAndRecoversByItself() throws Exception {
        int port = RedisServerSupport.freePort();
        server = startServer(port);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        var options = new RedisStoreOptions("bulwark-reconnect:", FailMode.CLOSED, Duration.ofMillis(300),
                Duration.ofMillis(200), errors::add);
        try (RedisStore store = new RedisStore("redis://127.0.0.1:" + port, options, TimeSource.system())) {
            RedisRateLimiter l = store.limiter(LimitConfig.tokenBucket("tb", 1000, 1000, Duration.ofSeconds(1)));
            assertThat(l.tryAcquire("k").reason()).isEqualTo(Reason.ALLOWED);

            server.destroy();
            server.waitFor();
            await().atMost(Duration.ofSeconds(10)).until(() -> l.tryAcquire("k").reason() == Reason.STORE_UNAVAILABLE);
            Decision down = l.tryAcquire("k");
            assertThat(down.allowed()).isFalse();
            assertThat(errors).isNotEmpty();

            server = startServer(port);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> l.tryAcquire("k").reason() == Reason.ALLOWED);
        }
    }
}
