package dev.bulwark.cli;

import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.sim.SecondSample;
import dev.bulwark.ratelimit.sim.SimulationListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Reports a long simulation's progress on stderr, a line every few seconds of wall time (runs shorter than
 * that print none), and passes each second on to {@code perSecond}.
 */
final class SimulationProgress implements SimulationListener {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final PrintWriter err;
    private final long totalNanos;
    private final SimulationListener perSecond;
    private final TimeSource clock;
    private final long start;
    private long next;

    /**
     * @param totalNanos the scenario's length
     * @param perSecond  receives every second (e.g. the {@code --live} lines)
     */
    SimulationProgress(PrintWriter err, long totalNanos, SimulationListener perSecond, TimeSource clock) {
        this.err = err;
        this.totalNanos = totalNanos;
        this.perSecond = perSecond;
        this.clock = clock;
        this.start = clock.nanos();
        this.next = start + INTERVAL_NANOS;
    }

    @Override
    public void onSecond(SecondSample sample) {
        perSecond.onSecond(sample);
    }

    @Override
    public void onProgress(long simulatedNanos, long decisions) {
        long now = clock.nanos();
        if (now < next || simulatedNanos >= totalNanos) {
            return;
        }
        next = now + INTERVAL_NANOS;
        err.printf(Locale.ROOT, "progress: %,d of %,d s simulated (%.1f%%), %,d decisions in %d s;"
                        + " Ctrl-C stops and prints the totals so far%n", simulatedNanos / 1_000_000_000L,
                (totalNanos + 999_999_999L) / 1_000_000_000L, 100.0 * simulatedNanos / totalNanos, decisions,
                TimeUnit.NANOSECONDS.toSeconds(now - start));
        err.flush();
    }
}
