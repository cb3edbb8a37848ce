package dev.bulwark.ui.containers;

import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.util.reconnect.ConnectionState;
import java.time.Instant;
import java.util.List;

/** The status bar's one-line description of the engines. */
final class StatusSummary {
    private StatusSummary() {
    }

    /**
     * {@code Docker: 2 engines connected, 12 running}, {@code Docker: unreachable — reason},
     * {@code Docker: 1 of 2 engines connected, 3 running; lab reconnecting in 4 s: ...}.
     */
    static String describe(List<EngineStatus> engines, Totals totals, Instant now) {
        if (engines.isEmpty()) {
            return "Docker: no engine configured";
        }
        long connected = engines.stream().filter(e -> e.kind() == ConnectionState.Kind.CONNECTED).count();
        if (connected == 0) {
            if (engines.stream().allMatch(e -> e.state().firstAttempt())) {
                return "Docker: connecting…";
            }
            EngineStatus first = engines.stream().filter(e -> !e.state().firstAttempt())
                    .findFirst().orElse(engines.getFirst());
            String prefix = engines.size() == 1 ? "" : first.engine() + " ";
            return "Docker: " + prefix + first.describe(now).replaceFirst(": ", " — ");
        }
        String running = totals.running() + " running";
        if (connected == engines.size()) {
            return "Docker: " + (connected == 1 ? "connected" : connected + " engines connected") + ", " + running;
        }
        EngineStatus down = engines.stream().filter(e -> e.kind() != ConnectionState.Kind.CONNECTED).findFirst().orElseThrow();
        return "Docker: " + connected + " of " + engines.size() + " engines connected, " + running + "; "
                + down.engine() + " " + down.describe(now);
    }
}
