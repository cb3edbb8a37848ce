package dev.bulwark.ratelimit.sim;

import java.nio.file.Path;

/** The traffic a client group offers. Rates are requests per second per client. */
public sealed interface Traffic {

    /** Evenly spaced requests (random phase per client). */
    record Constant(double rate) implements Traffic {
    }

    /** Poisson arrivals. */
    record Poisson(double rate) implements Traffic {
    }

    /** Poisson at {@code rate} during {@code onNanos}, silent for {@code offNanos}, repeating. */
    record OnOff(double rate, long onNanos, long offNanos) implements Traffic {
    }

    /** Poisson with the rate moving linearly from {@code from} to {@code to} over the run. */
    record Ramp(double from, double to) implements Traffic {
    }

    /** Poisson at {@code rate}, and {@code peak} between {@code atNanos} and {@code atNanos + lengthNanos}. */
    record Spike(double rate, double peak, long atNanos, long lengthNanos) implements Traffic {
    }

    /**
     * Replays an access log (common or combined format), one client per distinct IP or user.
     *
     * @param file  the log
     * @param keyBy what identifies a client
     * @param speed time compression: 2 replays twice as fast
     */
    record Replay(Path file, KeyBy keyBy, double speed) implements Traffic {
    }

    /** The replay client identity. */
    enum KeyBy {
        /** The remote address. */
        IP,
        /** The authenticated user ({@code -} lines fall back to the address). */
        USER
    }
}
