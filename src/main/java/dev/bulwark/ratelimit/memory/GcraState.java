package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;

/**
 * Generic cell rate algorithm. Keeps the theoretical arrival time (TAT) in scaled units relative to an
 * origin (one emission interval is {@code P} units, one nanosecond {@code R}); the origin is moved up
 * whenever the TAT is in the past so the scaled values stay small however long the key idles.
 */
final class GcraState extends KeyState {
    private final long burst;
    private final long unit;     // P: scaled units per emission interval (token)
    private final long perNano;  // R: scaled units per ns
    private final long tolerance;
    private long origin;
    private long tat;            // scaled, relative to origin

    GcraState(LimitConfig c, long now) {
        super(now);
        this.burst = c.capacity();
        this.unit = c.ratePeriodNanos();
        this.perNano = c.rateTokens();
        this.tolerance = burst * unit;
        this.origin = now;
        this.tat = 0;
    }

    /** The scaled "now", rebasing the origin when the TAT has passed. */
    private long scaledNow() {
        long rel = last - origin;
        if (rel >= ceilDiv(tat, perNano)) {
            origin = last;
            tat = 0;
            return 0;
        }
        return rel * perNano;
    }

    @Override
    public Decision evaluate(long now, long cost, boolean commit) {
        long behind = advance(now);
        long t = scaledNow();
        long base = Math.max(tat, t);
        long newTat = base + cost * unit;
        if (newTat - t <= tolerance) {
            if (commit) {
                tat = newTat;
            }
            long debt = (commit ? newTat : base) - t;
            return Decision.allow((tolerance - debt) / unit, ceilDiv(debt, perNano) + behind, burst);
        }
        long debt = base - t;
        return Decision.reject((tolerance - debt) / unit, ceilDiv(newTat - t - tolerance, perNano) + behind,
                ceilDiv(debt, perNano) + behind, burst);
    }

    @Override
    public boolean idle(long now) {
        return now >= last && (now - origin) >= ceilDiv(tat, perNano);
    }
}
