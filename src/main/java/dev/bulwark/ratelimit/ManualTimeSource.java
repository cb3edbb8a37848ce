package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when told to; used by tests and by the simulator's virtual time. */
public final class ManualTimeSource implements TimeSource {
    private final AtomicLong now;

    /** A clock reading {@code startNanos}. */
    public ManualTimeSource(long startNanos) {
        this.now = new AtomicLong(startNanos);
    }

    @Override
    public long nanos() {
        return now.get();
    }

    /** Sets the reading; may go backwards (to test that limiters never grant extra when it does). */
    public void set(long nanos) {
        now.set(nanos);
    }

    /** Moves the clock by {@code nanos} (negative moves it backwards). */
    public void advance(long nanos) {
        now.addAndGet(nanos);
    }

    /** Moves the clock by {@code d}. */
    public void advance(Duration d) {
        advance(d.toNanos());
    }
}
