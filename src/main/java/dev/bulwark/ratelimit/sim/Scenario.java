package dev.bulwark.ratelimit.sim;

import dev.bulwark.ratelimit.CostRules;
import dev.bulwark.ratelimit.LimitConfig;
import java.util.List;

/**
 * A simulation: clients, their traffic, cost rules and the limiter configurations to compare.
 *
 * @param name          label
 * @param durationNanos simulated length, at most {@link ScenarioLimits#MAX_DURATION}
 * @param seed          makes virtual-time runs reproducible
 * @param clients       the client groups
 * @param costs         request costs
 * @param limiters      the configurations compared on identical traffic
 */
public record Scenario(String name, long durationNanos, long seed, List<ClientGroup> clients, CostRules costs,
                       List<LimitConfig> limiters) {

    /** Copies and validates. */
    public Scenario {
        clients = List.copyOf(clients);
        limiters = List.copyOf(limiters);
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (durationNanos > ScenarioLimits.MAX_DURATION.toNanos()) {
            throw new IllegalArgumentException("duration must be at most " + ScenarioLimits.MAX_DURATION);
        }
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one client group");
        }
        if (limiters.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one limiter");
        }
    }

    /** Whole seconds covered (the last partial second counts). */
    public int seconds() {
        return (int) ((durationNanos + 999_999_999L) / 1_000_000_000L);
    }
}
