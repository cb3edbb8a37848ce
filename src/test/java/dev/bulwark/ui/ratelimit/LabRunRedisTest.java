package dev.bulwark.ui.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.CostRules;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.redis.RedisStoreException;
import dev.bulwark.ratelimit.sim.ClientGroup;
import dev.bulwark.ratelimit.sim.KeyScheme;
import dev.bulwark.ratelimit.sim.Scenario;
import dev.bulwark.ratelimit.sim.SimulationListener;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.ratelimit.sim.Traffic;
import dev.bulwark.testsupport.RedisServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lab's runs build their Redis store through the core's {@code RedisStores}, like the CLI: against a
 * password-protected redis-server (port 7102), the right password runs, a wrong one fails the run at once with
 * the reason and without the password.
 */
class LabRunRedisTest {
    private static final int PORT = 7102;
    private static final String PASSWORD = "Lab-s3cret-7102";
    @RegisterExtension
    static final RedisServers REDIS = RedisServers.startedBeforeAll(
            "bulwark-redis-lab", PORT, "--requirepass", PASSWORD);

    private static Scenario scenario() {
        ClientGroup g = new ClientGroup("u", 2, KeyScheme.parse("per-client"), new Traffic.Constant(10),
                List.of(new ClientGroup.WeightedOp("request", 1)));
        return new Scenario("lab", 1_000_000_000L, 1, List.of(g), CostRules.unit(),
                List.of(LimitConfig.tokenBucket("tb", 5, 5, Duration.ofSeconds(1))));
    }

    @Test
    void theRightPasswordRunsAndAWrongOneFailsAtOnceWithoutIt() throws Exception {
        try (Simulator sim = new Simulator(TimeSource.system())) {
            LabRun ok = new LabRun(sim, scenario(), SimulationMode.REAL_TIME,
                    "redis://default:" + PASSWORD + "@127.0.0.1:" + PORT, null, TimeSource.system(),
                    SimulationListener.none());
            LabRun.Outcome outcome = ok.call();
            assertThat(outcome.result().limiters().getFirst().allowed()).isPositive();
            assertThat(ok.storeErrors()).isZero();

            long start = System.nanoTime();
            LabRun wrong = new LabRun(sim, scenario(), SimulationMode.REAL_TIME,
                    "redis://default:Wrong-" + PASSWORD + "@127.0.0.1:" + PORT, null, TimeSource.system(),
                    SimulationListener.none());
            assertThatThrownBy(wrong::call).isInstanceOf(RedisStoreException.class)
                    .hasMessageStartingWith("Redis at 127.0.0.1:" + PORT + " refused the credentials: WRONGPASS")
                    .hasMessageNotContaining(PASSWORD);
            // before the run, not after a second of fail-closed rejections
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }
}
