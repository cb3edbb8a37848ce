package dev.bulwark.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.Reason;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.testsupport.RedisServerSupport;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Redis store against a real redis-server on 127.0.0.1. */
class RedisRateLimiterTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static RedisClient admin;
    private static StatefulRedisConnection<String, String> adminConn;
    private static RedisCommands<String, String> redis;
    private String prefix;
    private RedisStore store;

    @BeforeAll
    static void connectAdmin() {
        admin = RedisClient.create(RedisServerSupport.uri());
        adminConn = admin.connect();
        redis = adminConn.sync();
    }

    @AfterAll
    static void closeAdmin() {
        if (adminConn != null) {
            adminConn.close();
            admin.shutdown();
        }
    }

    @BeforeEach
    void newStore() {
        prefix = "bulwark-test:" + UUID.randomUUID() + ":";
        store = new RedisStore(RedisServerSupport.uri(), RedisStoreOptions.defaults().withKeyPrefix(prefix),
                TimeSource.system());
    }

    @org.junit.jupiter.api.AfterEach
    void closeStore() {
        store.close();
    }

    /** Every strategy, slow enough that nothing refills while a test runs. */
    static Stream<LimitConfig> configs() {
        return Stream.of(
                LimitConfig.tokenBucket("tb", 10, 3, HOUR),
                LimitConfig.intervalBucket("tbi", 10, 3, HOUR),
                LimitConfig.gcra("gcra", 10, 3, HOUR),
                LimitConfig.leakyBucket("leaky", 10, 3, HOUR),
                LimitConfig.window("fixed", Algorithm.FIXED_WINDOW, 10, Duration.ofDays(1)),
                LimitConfig.window("sliding", Algorithm.SLIDING_WINDOW, 10, Duration.ofDays(1)),
                LimitConfig.window("log", Algorithm.SLIDING_LOG, 10, HOUR));
    }

    private List<String> ourKeys() {
        List<String> keys = new ArrayList<>();
        var cursor = redis.scan(ScanArgs.Builder.matches(prefix + "*").limit(1000));
        keys.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
            keys.addAll(cursor.getKeys());
        }
        return keys;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void allowsCapacityHonoursCostAndRejectedRequestsConsumeNothing(LimitConfig c) {
        RedisRateLimiter l = store.limiter(c);
        assertThat(l.tryAcquire("k", 4).remaining()).isEqualTo(6);
        assertThat(l.tryAcquire("k", 4).remaining()).isEqualTo(2);
        Decision big = l.tryAcquire("k", 3);
        assertThat(big.allowed()).isFalse();
        assertThat(big.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(big.retryAfterNanos()).isPositive();
        for (int i = 0; i < 200; i++) {
            assertThat(l.tryAcquire("k", 3).allowed()).isFalse();
        }
        // the 200 rejections took nothing: the last two units are still there
        assertThat(l.peek("k").remaining()).isEqualTo(2);
        assertThat(l.tryAcquire("k", 2).allowed()).isTrue();
        assertThat(l.tryAcquire("k", 1).allowed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void costAboveCapacityIsRejectedWithAReason(LimitConfig c) {
        RedisRateLimiter l = store.limiter(c);
        Decision d = l.tryAcquire("k", 11);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(Reason.COST_EXCEEDS_CAPACITY);
        assertThat(d.retryAfter()).isNull();
        assertThat(l.peek("k", 11).reason()).isEqualTo(Reason.COST_EXCEEDS_CAPACITY);
        assertThat(l.peekAsync("k").toCompletableFuture().join().remaining()).isEqualTo(10);
        assertThat(l.tryAcquireAsync("k", 3).toCompletableFuture().join().remaining()).isEqualTo(7);
        assertThatThrownBy(() -> l.tryAcquire("k", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void anyIdentifierIsASafeIsolatedKeyAndEveryKeyExpires(LimitConfig c) {
        RedisRateLimiter l = store.limiter(c);
        List<String> ids = List.of("", "{tag}", "a:b", "}{", "user@example.org", "ключ-🔑", " ", "x".repeat(5000),
                "\r\n*1\r\n$4\r\nPING\r\n");
        for (String id : ids) {
            assertThat(l.tryAcquire(id, 10).allowed()).as("first use of %s", id).isTrue();
            assertThat(l.tryAcquire(id, 1).allowed()).isFalse();
        }
        List<String> keys = ourKeys();
        assertThat(keys).hasSizeGreaterThanOrEqualTo(ids.size());
        for (String k : keys) {
            assertThat(redis.pttl(k)).as("expiry of %s", k).isPositive();
            // the hash tag is the only braced part, so multi-key scripts stay in one cluster slot
            assertThat(k.chars().filter(ch -> ch == '{').count()).isEqualTo(1);
        }
        l.reset("{tag}");
        assertThat(l.tryAcquire("{tag}", 10).allowed()).isTrue();
    }

    @Test
    void retryAfterIsHonouredOnTheServerClock() throws InterruptedException {
        RedisRateLimiter l = store.limiter(LimitConfig.tokenBucket("fast", 2, 20, Duration.ofSeconds(1)));
        l.tryAcquire("k", 2);
        Decision d = l.tryAcquire("k", 2);
        assertThat(d.allowed()).isFalse();
        assertThat(d.retryAfter()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        Thread.sleep(d.retryAfter().toMillis() + 1);
        assertThat(l.tryAcquire("k", 2).allowed()).isTrue();
    }

    /** Short periods so the server clock moves during the test. */
    static Stream<LimitConfig> fastConfigs() {
        Duration p = Duration.ofMillis(300);
        return Stream.of(
                LimitConfig.tokenBucket("tb", 4, 3, p),
                LimitConfig.intervalBucket("tbi", 4, 3, p),
                LimitConfig.gcra("gcra", 4, 3, p),
                LimitConfig.leakyBucket("leaky", 4, 3, p),
                LimitConfig.window("fixed", Algorithm.FIXED_WINDOW, 4, p),
                LimitConfig.window("sliding", Algorithm.SLIDING_WINDOW, 4, p),
                LimitConfig.window("log", Algorithm.SLIDING_LOG, 4, p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastConfigs")
    void waitingRetryAfterOnTheServerClockSucceeds(LimitConfig c) throws InterruptedException {
        RedisRateLimiter l = store.limiter(c);
        for (int round = 0; round < 3; round++) {
            while (l.tryAcquire("k", 2).allowed()) {
                // drain
            }
            Decision d = l.tryAcquire("k", 2);
            assertThat(d.allowed()).isFalse();
            assertThat(d.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(600));
            Thread.sleep(d.retryAfter().toMillis() + 1);
            assertThat(l.tryAcquire("k", 2).allowed()).as("round %d after %s", round, d.retryAfter()).isTrue();
        }
    }

    @Test
    void scriptsAreReloadedAfterNoscript() {
        RedisRateLimiter l = store.limiter(LimitConfig.tokenBucket("tb", 5, 1, HOUR));
        assertThat(l.tryAcquire("k").allowed()).isTrue();
        redis.scriptFlush();
        assertThat(l.tryAcquire("k").remaining()).isEqualTo(3);
        assertThat(store.errorCount()).isZero();
    }

    @Test
    void unreachableRedisFailsClosedOrOpenAndSurfacesTheError() throws IOException {
        String dead = "redis://127.0.0.1:" + RedisServerSupport.freePort();
        for (FailMode mode : FailMode.values()) {
            List<Throwable> seen = new CopyOnWriteArrayList<>();
            try (RedisStore s = new RedisStore(dead, RedisStoreOptions.defaults().withFailMode(mode)
                    .withErrors(seen::add), TimeSource.system())) {
                Decision d = s.limiter(LimitConfig.tokenBucket("tb", 5, 1, HOUR)).tryAcquire("k");
                assertThat(d.reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
                assertThat(d.allowed()).isEqualTo(mode == FailMode.OPEN);
                assertThat(seen).isNotEmpty();
                assertThat(s.errorCount()).isPositive();
            }
        }
    }

    @Test
    void rejectsConfigurationsOutsideTheExactRange() {
        assertThatThrownBy(() -> store.limiter(LimitConfig.tokenBucket("odd", 5, 1, Duration.ofNanos(1500))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'odd'").hasMessageContaining("microseconds");
    }

    @Test
    void twoJvmsHammeringOneKeyNeverOverGrant() throws Exception {
        int capacity = 500;
        List<Process> workers = new ArrayList<>();
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < 2; i++) {
            workers.add(new ProcessBuilder(javaExe, "-cp", System.getProperty("java.class.path"),
                    ContentionWorker.class.getName(), RedisServerSupport.uri(), prefix, "3000",
                    Integer.toString(capacity)).redirectErrorStream(false).start());
        }
        long total = 0;
        for (Process p : workers) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("worker exit; stderr: %s",
                    new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            var m = Pattern.compile("allowed=(\\d+) unavailable=(\\d+)").matcher(out);
            assertThat(m.find()).as("worker output: %s", out).isTrue();
            assertThat(m.group(2)).isEqualTo("0");
            total += Long.parseLong(m.group(1));
        }
        assertThat(total).isEqualTo(capacity);
    }
}
