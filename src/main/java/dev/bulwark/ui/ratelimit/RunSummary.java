package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

/** The words the lab shows about a finished or stopped run. Pure logic. */
final class RunSummary {
    private RunSummary() {
    }

    /** One line per limiter with a note; the fixed-window boundary burst, which operators most need, first. */
    static String notes(SimulationResult r) {
        return r.limiters().stream().filter(l -> !l.note().isEmpty())
                .sorted(Comparator.comparing(l -> !l.strategy().equals("fixed-window")))
                .map(l -> l.limiter() + ": " + l.note()).collect(Collectors.joining("\n"));
    }

    /** The status line; {@code plannedSeconds} is the scenario's length. */
    static String status(SimulationResult r, int plannedSeconds) {
        if (r.storeAnsweredNone()) {
            return String.format(Locale.ROOT, "The %s store made none of the %,d decisions (it could not be reached):"
                    + " every figure below is its fail mode's answer, not the limiters'.", r.backend(), r.decisions());
        }
        if (r.stopped()) {
            return String.format(Locale.ROOT, "Stopped after %d of %d s; the totals below cover those %d s"
                    + " (the last one partly).", r.seconds(), plannedSeconds, r.seconds());
        }
        return String.format(Locale.ROOT, "Done: %d s of '%s' (%s, %s) in %.0f ms, %,.0f decisions/s.",
                r.seconds(), r.scenario(), r.mode() == SimulationMode.VIRTUAL ? "virtual time" : "real time",
                r.backend(), r.wallNanos() / 1e6, r.decisionsPerSecond());
    }
}
