package dev.bulwark.ratelimit.sim;

/** Receives per-second results while a simulation runs (on the simulation's thread; do not block). */
@FunctionalInterface
public interface SimulationListener {

    /** One limiter's figures for a second that has just completed. */
    void onSecond(SecondSample sample);

    /** A listener that ignores everything. */
    static SimulationListener none() {
        return s -> { };
    }
}
