package dev.bulwark.ratelimit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bulwark.ratelimit.CostRules;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.redis.RedisStore;
import dev.bulwark.ratelimit.redis.RedisStoreOptions;
import dev.bulwark.testsupport.RedisServerSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Real-time runs against the Redis store, observed live as the GUI would. */
class RealTimeSimulationTest {

    private static Scenario scenario(long seconds) {
        ClientGroup g = new ClientGroup("u", 4, KeyScheme.parse("per-client"), new Traffic.Constant(40),
                List.of(new ClientGroup.WeightedOp("request", 1)));
        return new Scenario("live", seconds * 1_000_000_000L, 9, List.of(g), CostRules.unit(),
                List.of(LimitConfig.tokenBucket("tb", 10, 10, Duration.ofSeconds(1))));
    }

    @Test
    void samplesArriveLiveWhileRedisDecides() throws Exception {
        List<SecondSample> seen = new CopyOnWriteArrayList<>();
        try (Simulator sim = new Simulator(TimeSource.system());
             RedisStore store = new RedisStore(RedisServerSupport.uri(), RedisStoreOptions.defaults()
                     .withKeyPrefix("bulwark-sim-test:" + UUID.randomUUID() + ":"), TimeSource.system())) {
            CompletableFuture<SimulationResult> f = sim.start(scenario(3), SimulationMode.REAL_TIME, store, seen::add);
            // the first second is published while the run is still going
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
            assertThat(f).isNotDone();
            SimulationResult r = f.get();
            assertThat(seen).extracting(SecondSample::second).containsExactly(0, 1, 2);
            LimiterResult tb = r.limiters().getFirst();
            // 4 clients x 40/s offered; each key gets its burst of 10 then about 10/s
            assertThat(tb.offered()).isEqualTo(4 * 40 * 3);
            assertThat(tb.allowed()).isBetween(4L * (10 + 10 * 2 - 3), 4L * (10 + 10 * 3 + 1));
            assertThat(tb.latencySamples()).isEqualTo(tb.offered());
            assertThat(tb.p99Micros()).isGreaterThanOrEqualTo(tb.p50Micros()).isPositive();
            assertThat(store.errorCount()).isZero();
        }
    }

    @Test
    void aRunCanBeCancelledAndRedisRefusesVirtualTime() throws Exception {
        try (Simulator sim = new Simulator(TimeSource.system());
             RedisStore store = new RedisStore(RedisServerSupport.uri(), RedisStoreOptions.defaults(),
                     TimeSource.system())) {
            assertThatThrownBy(() -> sim.run(scenario(1), SimulationMode.VIRTUAL, store, SimulationListener.none()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("real-time");
            CompletableFuture<SimulationResult> f = sim.start(scenario(600), SimulationMode.REAL_TIME,
                    new dev.bulwark.ratelimit.memory.InMemoryBackend(1000), SimulationListener.none());
            f.cancel(true);
            assertThatThrownBy(f::get).isInstanceOf(CancellationException.class);
        }
    }
}
