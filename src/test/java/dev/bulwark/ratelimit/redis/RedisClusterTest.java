package dev.bulwark.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.Reason;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.testsupport.LocalRedis;
import dev.bulwark.testsupport.RedisServers;
import dev.bulwark.testsupport.Requirements;
import io.lettuce.core.MigrateArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14: the Redis store on a real 3-master Redis Cluster on 127.0.0.1 (ports 7110-7112, buses 7120-7122),
 * made with {@code redis-cli --cluster create}: every strategy over many keys (the hash tag keeps a decision's
 * keys in one slot, so no CROSSSLOT), and a hot key whose slot moves to another master while decisions run
 * (ASK, then MOVED) with no failed decision and no over-grant.
 */
class RedisClusterTest {
    private static final int[] PORTS = {7110, 7111, 7112};
    private static final Duration HOUR = Duration.ofHours(1);
    @RegisterExtension
    static final RedisServers NODES = RedisServers.onDemand("bulwark-redis-cluster");
    private static String uri;

    @BeforeAll
    static void startCluster() throws Exception {
        for (int port : PORTS) {
            try {
                // each node in a folder of its own, so its nodes.conf (relative to --dir) is its own
                NODES.start(port, "--cluster-enabled", "yes", "--cluster-port", Integer.toString(port + 10),
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000");
            } catch (IllegalStateException e) {
                // a redis-server built without cluster support (or older than 7, without cluster-port) refuses
                // the directives: skip locally with the reason, fail in CI
                if (String.valueOf(e.getMessage()).contains("Bad directive")) {
                    Requirements.missing("redis-server lacks cluster support: " + e.getMessage().lines()
                            .filter(l -> l.contains("Bad directive")).findFirst().orElse(""));
                }
                throw e;
            }
        }
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        for (int port : PORTS) {
            create.add("127.0.0.1:" + port);
        }
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        LocalRedis.cli(Duration.ofSeconds(30), create.toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int port : PORTS) {
            while (!LocalRedis.cli(Duration.ofSeconds(5), "-p", Integer.toString(port), "cluster", "info")
                    .contains("cluster_state:ok")) {
                assertThat(System.nanoTime()).as("cluster state ok").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        uri = "redis-cluster://127.0.0.1:" + PORTS[0] + ",127.0.0.1:" + PORTS[1];
    }

    private static RedisStore store(String prefix) {
        return new RedisStore(uri, RedisStoreOptions.defaults().withKeyPrefix(prefix)
                .withCommandTimeout(Duration.ofSeconds(2)), TimeSource.system());
    }

    static List<LimitConfig> configs() {
        return RedisRateLimiterTest.configs().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyStrategyWorksOverManyKeysSpreadOnEveryMaster(LimitConfig c) {
        try (RedisStore s = store("bulwark-cluster:" + UUID.randomUUID() + ":")) {
            RedisRateLimiter l = s.limiter(c);
            List<CompletableFuture<Decision>> fs = new ArrayList<>();
            for (int k = 0; k < 300; k++) {
                for (int i = 0; i < 12; i++) {
                    fs.add(l.tryAcquireAsync("user-" + k, 1).toCompletableFuture());
                }
            }
            for (int k = 0; k < 300; k++) {
                long allowed = 0;
                for (int i = 0; i < 12; i++) {
                    Decision d = fs.get(k * 12 + i).join();
                    assertThat(d.reason()).as("no store error (e.g. CROSSSLOT)").isNotEqualTo(Reason.STORE_UNAVAILABLE);
                    allowed += d.allowed() ? 1 : 0;
                }
                assertThat(allowed).as("key user-%d", k).isEqualTo(10);
            }
            assertThat(s.errorCount()).isZero();
            assertThat(s.where()).isEqualTo("cluster 127.0.0.1:7110,127.0.0.1:7111");
        }
    }

    /** The master serving {@code slot}: its port. */
    private static int owner(int slot) throws Exception {
        for (int port : PORTS) {
            try (Admin a = new Admin(port)) {
                String id = a.redis.clusterMyId();
                for (String line : a.redis.clusterNodes().split("\n")) {
                    if (line.startsWith(id) && line.contains("myself")) {
                        String[] parts = line.split(" ");
                        // id addr flags master ping pong epoch link-state slot...
                        for (String part : java.util.Arrays.copyOfRange(parts, Math.min(8, parts.length),
                                parts.length)) {
                            if (covers(part, slot)) {
                                return port;
                            }
                        }
                    }
                }
            }
        }
        throw new AssertionError("no master serves slot " + slot);
    }

    private static boolean covers(String range, int slot) {
        if (!range.matches("\\d+(-\\d+)?")) {
            return false;
        }
        String[] ends = range.split("-");
        int lo = Integer.parseInt(ends[0]);
        int hi = ends.length == 2 ? Integer.parseInt(ends[1]) : lo;
        return slot >= lo && slot <= hi;
    }

    /** A plain connection to one node. */
    private static final class Admin implements AutoCloseable {
        final RedisClient client;
        final StatefulRedisConnection<String, String> conn;
        final RedisCommands<String, String> redis;

        Admin(int port) {
            client = RedisClient.create("redis://127.0.0.1:" + port);
            conn = client.connect();
            redis = conn.sync();
        }

        @Override
        public void close() {
            conn.close();
            client.shutdown();
        }
    }

    @Test
    void aHotKeyWhoseSlotMovesWhileDecisionsRunIsNeverOverGranted() throws Exception {
        long capacity = 400;
        LimitConfig c = LimitConfig.tokenBucket("hot", capacity, 1, HOUR);
        try (RedisStore s = store("bulwark-cluster:" + UUID.randomUUID() + ":")) {
            RedisRateLimiter l = s.limiter(c);
            String redisKey = s.redisKey("hot", "k", "");
            int slot = SlotHash.getSlot(redisKey);
            int from = owner(slot);
            int to = from == PORTS[0] ? PORTS[1] : PORTS[0];
            assertThat(l.tryAcquire("k", 1).allowed()).isTrue();  // the key now exists on its master

            AtomicBoolean stop = new AtomicBoolean();
            long[] allowed = new long[1];
            List<Decision> failed = new ArrayList<>();
            long[] decided = new long[1];
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    List<CompletableFuture<Decision>> batch = new ArrayList<>();
                    for (int i = 0; i < 16; i++) {
                        batch.add(l.tryAcquireAsync("k", 1).toCompletableFuture());
                    }
                    for (CompletableFuture<Decision> f : batch) {
                        Decision d = f.join();
                        decided[0]++;
                        if (d.reason() == Reason.STORE_UNAVAILABLE) {
                            failed.add(d);
                        } else if (d.allowed()) {
                            allowed[0]++;
                        }
                    }
                }
            }, Thread::startVirtualThread);

            Thread.sleep(150);  // decisions under way before the slot starts moving
            try (Admin src = new Admin(from); Admin dst = new Admin(to)) {
                String srcId = src.redis.clusterMyId();
                String dstId = dst.redis.clusterMyId();
                dst.redis.clusterSetSlotImporting(slot, srcId);
                src.redis.clusterSetSlotMigrating(slot, dstId);
                Thread.sleep(150);  // decisions while the slot is migrating, the key still on the source
                List<String> keys = src.redis.clusterGetKeysInSlot(slot, 100);
                assertThat(keys).contains(redisKey);
                src.redis.migrate("127.0.0.1", to, 0, 5000, MigrateArgs.Builder.keys(keys));
                Thread.sleep(150);  // decisions while the source answers ASK
                for (int port : PORTS) {
                    try (Admin a = new Admin(port)) {
                        a.redis.clusterSetSlotNode(slot, dstId);
                    }
                }
                Thread.sleep(300);  // decisions that first meet MOVED, then the refreshed topology
            }
            stop.set(true);
            load.get(30, TimeUnit.SECONDS);

            assertThat(owner(slot)).as("the slot moved").isEqualTo(to);
            assertThat(failed).as("no decision failed while the slot moved").isEmpty();
            assertThat(decided[0]).as("decisions ran throughout").isGreaterThan(capacity * 2);
            // 1 taken before the move; nothing refills within the test (1 token per hour)
            assertThat(allowed[0] + 1).as("no over-grant").isLessThanOrEqualTo(capacity);
            assertThat(allowed[0] + 1).as("the whole capacity was granted, state moved with the key")
                    .isEqualTo(capacity);
            assertThat(l.tryAcquire("k", 1).reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(s.errorCount()).isZero();
        }
    }

    @Test
    void aClusterNodeGivenAsOneServerIsRefusedWithTheSchemeToUse() throws Exception {
        try (RedisStore s = new RedisStore("redis://127.0.0.1:" + PORTS[2], RedisStoreOptions.defaults(),
                TimeSource.system())) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> s.connect().get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(RedisStoreException.class)
                    .hasMessage("Redis at 127.0.0.1:7112 is a Redis Cluster node: use redis-cluster://127.0.0.1:7112");
            assertThat(((RedisStoreException) e.getCause()).permanent()).isTrue();
        }
    }

    @Test
    void aSingleServerGivenAsAClusterIsRefusedWithTheSchemeToUse() throws Exception {
        try (RedisStore s = new RedisStore("redis-cluster://" + dev.bulwark.testsupport.RedisServerSupport.uri()
                .substring("redis://".length()), RedisStoreOptions.defaults(), TimeSource.system())) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> s.connect().get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(RedisStoreException.class)
                    .hasMessageEndingWith("is not a Redis Cluster: use redis:// with one of its nodes");
            assertThat(((RedisStoreException) e.getCause()).permanent()).isTrue();
        }
    }

    /** The CLI end to end on the cluster: redis-cluster:// with a shared prefix. */
    @Test
    void theCliRunsOnTheCluster(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.yaml");
        // 20 clients' keys spread over the three masters; 400 decisions/s keeps pace even on a loaded machine, so
        // "no warning" speaks of the cluster, not of the CPU (2,000/s fell behind schedule under other builds' load)
        Files.writeString(f, """
                name: cluster
                duration: 1s
                clients:
                  - {name: u, count: 20, traffic: {type: constant, rate: 10}}
                limiters:
                  - {name: tb, strategy: token-bucket, capacity: 10, rate: 10, period: 1s}
                  - {name: log, strategy: sliding-log, limit: 10, window: 1s}
                """);
        dev.bulwark.testsupport.CliRun r = dev.bulwark.testsupport.CliRun.of("ratelimit", "simulate", f.toString(),
                "--redis", uri, "--key-prefix", "bulwark-cluster:" + UUID.randomUUID() + ":");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("real-time on redis").doesNotContain("Redis errors").doesNotContain("warning");
        assertThat(r.out()).contains("\"allowed\"");
    }
}
