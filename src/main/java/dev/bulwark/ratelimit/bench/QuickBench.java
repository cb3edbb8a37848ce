package dev.bulwark.ratelimit.bench;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.CostRules;
import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.memory.InMemoryBackend;
import dev.bulwark.ratelimit.memory.InMemoryRateLimiter;
import dev.bulwark.ratelimit.redis.RedisRateLimiter;
import dev.bulwark.ratelimit.redis.RedisStore;
import dev.bulwark.ratelimit.redis.FailMode;
import dev.bulwark.ratelimit.redis.RedisStoreException;
import dev.bulwark.ratelimit.redis.RedisStores;
import dev.bulwark.ratelimit.sim.ClientGroup;
import dev.bulwark.ratelimit.sim.KeyScheme;
import dev.bulwark.ratelimit.sim.Scenario;
import dev.bulwark.ratelimit.sim.SimulationListener;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.ratelimit.sim.Traffic;
import dev.bulwark.util.NamedThreads;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * Simple timed loops giving decisions per second for this build, for {@code bulwark ratelimit bench}, each
 * in-memory case against Bucket4j (same limit, both keyed through a ConcurrentHashMap) in the same process:
 * a warm-up round, then several samples alternating ours and the peer so drift in machine load hits both;
 * each line gives the medians, their ratio and the range of the per-sample ratios. Not a substitute for the
 * JMH benchmarks (no forks), but honest about what it ran.
 */
public final class QuickBench {
    private static final LimitConfig BUCKET = LimitConfig.tokenBucket("bench", 1_000_000, 1_000_000_000L,
            Duration.ofSeconds(1));
    /** A token every 3 1/3 ns: a rate whose token is not a whole number of nanoseconds. */
    private static final LimitConfig THIRDS = LimitConfig.tokenBucket("bench-thirds", 1_000_000, 300_000_000L,
            Duration.ofSeconds(1));

    /** Samples per in-memory case unless told otherwise. */
    public static final int DEFAULT_SAMPLES = 5;

    private final long nanosPerRun;
    private final int samples;
    private final TimeSource time;

    /** Each measurement runs for {@code nanosPerRun} after an equal warm-up; {@link #DEFAULT_SAMPLES} samples. */
    public QuickBench(long nanosPerRun, TimeSource time) {
        this(nanosPerRun, DEFAULT_SAMPLES, time);
    }

    /** @param samples samples of ours and of the peer per in-memory case, after one warm-up round */
    public QuickBench(long nanosPerRun, int samples, TimeSource time) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, was " + samples);
        }
        this.nanosPerRun = nanosPerRun;
        this.samples = samples;
        this.time = time;
    }

    /**
     * Runs every measurement and prints one line each; Redis too when {@code redisUri} is set.
     *
     * @throws RedisStoreException when the Redis store cannot be reached (message without credentials)
     */
    public void run(String redisUri, PrintWriter out) {
        String[] one = {"hot"};
        String[] many = new String[10_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = "key-" + i;
        }
        compare(out, "in-memory token bucket, 1 hot key, 1 thread", BUCKET, one, 1);
        compare(out, "in-memory token bucket, 10,000 keys, 1 thread", BUCKET, many, 1);
        compare(out, "in-memory token bucket, 1 hot key, 2 threads", BUCKET, one, 2);
        compare(out, "in-memory token bucket, hot key, 2 threads, 3.3 ns/token", THIRDS, one, 2);
        report(out, "simulator, virtual time, in-memory, 7 strategies", simulate());
        if (redisUri != null) {
            report(out, "Redis store, async pipelined (256 in flight), 1 hot key", redis(redisUri));
        }
        out.println("Redis against Bucket4j's Lettuce backend and two-process over-grants (JMH):");
        out.println("  ./mvnw -Pbench verify -Dtest='RateLimit*Bench*'");
        out.flush();
    }

    private static void report(PrintWriter out, String what, double perSecond) {
        out.printf(Locale.ROOT, "%-58s %,15.0f decisions/s%n", what, perSecond);
        out.flush();
    }

    /** One keyed decision returning the remaining tokens (consumed so the JIT cannot drop the work). */
    @FunctionalInterface
    interface Decider {
        long decide(String key);
    }

    private void compare(PrintWriter out, String what, LimitConfig config, String[] keys, int threads) {
        RateLimiter ours = new InMemoryRateLimiter(config, time);
        ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
        Decider oursDecider = k -> ours.tryAcquire(k, 1).remaining();
        Decider peer = k -> bucket(buckets, config, k).tryConsumeAndReturnRemaining(1).getRemainingTokens();
        loop(oursDecider, keys, threads);  // warm-up round, discarded
        loop(peer, keys, threads);
        double[] a = new double[samples];
        double[] b = new double[samples];
        double[] ratios = new double[samples];
        for (int i = 0; i < samples; i++) {
            a[i] = loop(oursDecider, keys, threads);
            b[i] = loop(peer, keys, threads);
            ratios[i] = a[i] / b[i];
        }
        double oursMedian = median(a);
        double theirsMedian = median(b);
        Arrays.sort(ratios);
        out.printf(Locale.ROOT, "%-58s %,15.0f decisions/s   Bucket4j %,15.0f   (median of %d; ratios %.2f-%.2f)"
                + "   ratio %.2f%n", what, oursMedian, theirsMedian, samples, ratios[0], ratios[samples - 1],
                oursMedian / theirsMedian);
        out.flush();
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static Bucket bucket(ConcurrentHashMap<String, Bucket> buckets, LimitConfig config, String key) {
        Bucket b = buckets.get(key);
        return b != null ? b : buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(config.capacity())
                        .refillGreedy(config.tokens(), config.period()).build()).build());
    }

    private double loop(Decider l, String[] keys, int threads) {
        try (ExecutorService ex = NamedThreads.virtualExecutor("ratelimit-bench")) {
            List<Future<Long>> fs = new ArrayList<>();
            long start = time.nanos();
            for (int t = 0; t < threads; t++) {
                fs.add(ex.submit(() -> spin(l, keys, nanosPerRun)));
            }
            long total = 0;
            for (Future<Long> f : fs) {
                total += f.get();
            }
            return total * 1e9 / (time.nanos() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            throw new IllegalStateException("benchmark thread failed", e.getCause());
        }
    }

    private long spin(Decider l, String[] keys, long nanos) {
        long end = time.nanos() + nanos;
        long n = 0;
        int k = 0;
        long sink = 0;
        while (true) {
            for (int i = 0; i < 1024; i++) {
                sink += l.decide(keys[k]);
                if (++k == keys.length) {
                    k = 0;
                }
            }
            n += 1024;
            if (time.nanos() >= end) {
                return sink == Long.MIN_VALUE ? -n : n;
            }
        }
    }

    /** A scenario sized to take roughly the measurement time; returns simulated decisions per second. */
    public static Scenario benchScenario(long seconds) {
        Duration s = Duration.ofSeconds(1);
        List<LimitConfig> limiters = List.of(
                LimitConfig.tokenBucket("tb", 20, 10, s), LimitConfig.gcra("gcra", 20, 10, s),
                LimitConfig.leakyBucket("leaky", 20, 10, s), LimitConfig.intervalBucket("tbi", 20, 10, s),
                LimitConfig.window("fixed", Algorithm.FIXED_WINDOW, 10, s),
                LimitConfig.window("sliding", Algorithm.SLIDING_WINDOW, 10, s),
                LimitConfig.window("log", Algorithm.SLIDING_LOG, 10, s));
        ClientGroup g = new ClientGroup("c", 1000, KeyScheme.parse("per-client"), new Traffic.Poisson(15),
                List.of(new ClientGroup.WeightedOp("request", 1)));
        return new Scenario("bench", seconds * 1_000_000_000L, 1, List.of(g), CostRules.unit(), limiters);
    }

    private double simulate() {
        try (Simulator sim = new Simulator(time)) {
            long simSeconds = Math.max(5, nanosPerRun / 50_000_000L);
            sim.run(benchScenario(simSeconds / 2), SimulationMode.VIRTUAL, new InMemoryBackend(100_000),
                    SimulationListener.none());
            SimulationResult r = sim.run(benchScenario(simSeconds), SimulationMode.VIRTUAL,
                    new InMemoryBackend(100_000), SimulationListener.none());
            return r.decisionsPerSecond();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws RedisStoreException when the store cannot be reached (wrong password, down): a rate of
     *                             fail-mode answers would mean nothing
     */
    private double redis(String uri) {
        try (RedisStore store = RedisStores.open(uri, null, FailMode.CLOSED, null, time)) {
            store.connectWithin(Duration.ofSeconds(10)).ifPresent(problem -> {
                throw problem;
            });
            RedisRateLimiter l = store.limiter(BUCKET);
            pipelined(l, nanosPerRun);
            long start = time.nanos();
            long n = pipelined(l, nanosPerRun);
            return n * 1e9 / (time.nanos() - start);
        }
    }

    private long pipelined(RedisRateLimiter l, long nanos) {
        long end = time.nanos() + nanos;
        long n = 0;
        List<CompletableFuture<Decision>> batch = new ArrayList<>(256);
        while (time.nanos() < end) {
            for (int i = 0; i < 256; i++) {
                batch.add(l.tryAcquireAsync("hot", 1).toCompletableFuture());
            }
            for (CompletableFuture<Decision> f : batch) {
                f.join();
            }
            n += batch.size();
            batch.clear();
        }
        return n;
    }
}
