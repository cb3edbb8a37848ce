package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.List;

/** One configuration of every strategy, with awkward (non-dividing) rates on purpose. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** Every strategy with capacity 10 and a rate of 3 per second (windows: 10 per second). */
    public static List<LimitConfig> all() {
        Duration s = Duration.ofSeconds(1);
        return List.of(
                LimitConfig.tokenBucket("tb", 10, 3, s),
                LimitConfig.intervalBucket("tbi", 10, 3, s),
                LimitConfig.gcra("gcra", 10, 3, s),
                LimitConfig.leakyBucket("leaky", 10, 3, s),
                LimitConfig.window("fixed", Algorithm.FIXED_WINDOW, 10, s),
                LimitConfig.window("sliding", Algorithm.SLIDING_WINDOW, 10, s),
                LimitConfig.window("log", Algorithm.SLIDING_LOG, 10, s));
    }
}
