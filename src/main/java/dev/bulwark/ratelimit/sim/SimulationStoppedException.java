package dev.bulwark.ratelimit.sim;

import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A run was stopped (its thread interrupted) before the scenario ended. Carries what the simulator had
 * reached: {@link #partial()} is a {@link SimulationResult} with {@code stopped == true}. It is a
 * {@link CancellationException}, so callers that only care that the run was cancelled need not change.
 */
public final class SimulationStoppedException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** Not serialised: the partial result is for the caller on the same machine. */
    private final transient SimulationResult partial;

    /** @param partial the figures up to the stop */
    public SimulationStoppedException(SimulationResult partial) {
        super("simulation stopped after " + partial.seconds() + " s of " + partial.scenario());
        this.partial = Objects.requireNonNull(partial, "partial");
    }

    /** The totals and series up to the stop. */
    public SimulationResult partial() {
        return partial;
    }
}
