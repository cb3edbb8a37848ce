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
 * @param storeUnavailable     decisions the store could not make, answered by its fail mode instead
 *                             ({@link dev.bulwark.ratelimit.Reason#STORE_UNAVAILABLE})
 * @param maxLagNanos          real time: how far behind its schedule a request was asked for at worst (0 in
 *                             virtual time)
 */
public record SimulationResult(String scenario, long seed, SimulationMode mode, String backend, int seconds,
                               long decisions, long wallNanos, List<LimiterResult> limiters, List<String> warnings,
                               boolean stopped, long storeUnavailable, long maxLagNanos) {

    /** Copies. */
    public SimulationResult {
        limiters = List.copyOf(limiters);
        warnings = List.copyOf(warnings);
    }

    /** A result without schedule lag (virtual time). */
    public SimulationResult(String scenario, long seed, SimulationMode mode, String backend, int seconds,
                            long decisions, long wallNanos, List<LimiterResult> limiters, List<String> warnings,
                            boolean stopped, long storeUnavailable) {
        this(scenario, seed, mode, backend, seconds, decisions, wallNanos, limiters, warnings, stopped,
                storeUnavailable, 0);
    }

    /** The result of a run whose store answered every decision. */
    public SimulationResult(String scenario, long seed, SimulationMode mode, String backend, int seconds,
                            long decisions, long wallNanos, List<LimiterResult> limiters, List<String> warnings,
                            boolean stopped) {
        this(scenario, seed, mode, backend, seconds, decisions, wallNanos, limiters, warnings, stopped, 0);
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

    /**
     * True when there were decisions to make and the store made none of them (e.g. Redis unreachable the whole
     * run): every figure is then the fail mode's answer, not the limiters'.
     */
    public boolean storeAnsweredNone() {
        return decisions > 0 && storeUnavailable == decisions;
    }
}
