package dev.bulwark.ratelimit.sim;

import java.util.List;

/**
 * The outcome of a run.
 *
 * @param scenario             scenario name
 * @param seed                 the seed used
 * @param mode                 virtual or real time
 * @param backend              where limiter state lived, e.g. {@code memory}
 * @param seconds              simulated seconds
 * @param decisions            limiter decisions made (requests x limiters)
 * @param wallNanos            wall-clock time the run took
 * @param limiters             one result per limiter, in scenario order
 * @param warnings             problems met on the way (bad log lines, ...)
 * @param stopped              true when the run was stopped early: the figures cover the {@code seconds}
 *                             reached, the last of which may be partial
 */
public record SimulationResult(String scenario, long seed, SimulationMode mode, String backend, int seconds,
                               long decisions, long wallNanos, List<LimiterResult> limiters, List<String> warnings,
                               boolean stopped) {

    /** Copies. */
    public SimulationResult {
        limiters = List.copyOf(limiters);
        warnings = List.copyOf(warnings);
    }

    /** The result of a run that completed. */
    public SimulationResult(String scenario, long seed, SimulationMode mode, String backend, int seconds,
                            long decisions, long wallNanos, List<LimiterResult> limiters, List<String> warnings) {
        this(scenario, seed, mode, backend, seconds, decisions, wallNanos, limiters, warnings, false);
    }

    /** Decisions per wall-clock second. */
    public double decisionsPerSecond() {
        return wallNanos == 0 ? 0 : decisions * 1e9 / wallNanos;
    }
}
