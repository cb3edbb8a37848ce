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

    /**
     * Decisions on Redis are pipelined (many in flight) yet keep their order on a key: with no refill, exactly the
     * first {@code capacity} requests issued are the ones allowed, remaining counting down 24..0.
     */
    @Test
    void pipelinedDecisionsOnOneKeyKeepTheirOrder() throws Exception {
        ClientGroup g = new ClientGroup("u", 20, KeyScheme.parse("shared"), new Traffic.Constant(50),
                List.of(new ClientGroup.WeightedOp("request", 1)));
        Scenario s = new Scenario("order", 1_000_000_000L, 3, List.of(g), CostRules.unit(),
                List.of(LimitConfig.tokenBucket("tb", 25, 1, Duration.ofHours(1))));
        List<DecisionEvent> events = new java.util.ArrayList<>();
        SimulationListener log = new SimulationListener() {
            @Override
            public void onSecond(SecondSample sample) {
            }

            @Override
            public boolean wantsDecisions() {
                return true;
            }

            @Override
            public void onDecision(DecisionEvent e) {
                events.add(e);
            }
        };
        try (Simulator sim = new Simulator(TimeSource.system());
             RedisStore store = new RedisStore(RedisServerSupport.uri(), RedisStoreOptions.defaults()
                     .withKeyPrefix("bulwark-sim-test:" + UUID.randomUUID() + ":")
                     .withCommandTimeout(Duration.ofSeconds(5)), TimeSource.system())) {
            SimulationResult r = sim.run(s, SimulationMode.REAL_TIME, store, log);
            assertThat(r.limiters().getFirst().allowed()).isEqualTo(25);
            assertThat(store.errorCount()).isZero();
        }
        assertThat(events).hasSize(20 * 50);
        for (int i = 0; i < events.size(); i++) {
            DecisionEvent e = events.get(i);
            assertThat(e.decision().allowed()).as("decision %d", i).isEqualTo(i < 25);
            if (i < 25) {
                assertThat(e.decision().remaining()).isEqualTo(24 - i);
            }
            if (i > 0) {
                assertThat(e.issuedNanos()).isGreaterThanOrEqualTo(events.get(i - 1).issuedNanos());
            }
        }
        // they really overlapped: a decision was asked for before the previous one was answered
        long overlapping = 0;
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).issuedNanos() < events.get(i - 1).answeredNanos()) {
                overlapping++;
            }
        }
        assertThat(overlapping).isPositive();
    }
}
