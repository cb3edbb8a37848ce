package dev.bulwark.ratelimit.sim;

/** Receives per-second results while a simulation runs (on the simulation's thread; do not block). */
@FunctionalInterface
public interface SimulationListener {

    /** One limiter's figures for a second that has just completed. */
    void onSecond(SecondSample sample);

    /**
     * How far the run has got, every 65,536 requests and once at the end, whatever the seconds: a second of a
     * large scenario can take long.
     *
     * @param simulatedNanos scenario time reached
     * @param decisions      limiter decisions made so far
     */
    default void onProgress(long simulatedNanos, long decisions) {
    }

    /** True when {@link #onDecision} should be called (it costs an object per decision). */
    default boolean wantsDecisions() {
        return false;
    }

    /** One decision, in the order the run made them per limiter; only when {@link #wantsDecisions()}. */
    default void onDecision(DecisionEvent event) {
    }

    /** A listener that ignores everything. */
    static SimulationListener none() {
        return s -> { };
    }
}
