package dev.bulwark.ratelimit;

/**
 * A monotonic nanosecond clock for limiter decisions. Injected everywhere a rate, a backoff or an age is
 * computed so tests can drive a {@link ManualTimeSource} instead of sleeping. Only differences between
 * readings matter; the origin is arbitrary.
 */
@FunctionalInterface
public interface TimeSource {

    /** The current time in nanoseconds. */
    long nanos();

    /** The JVM's monotonic clock ({@link System#nanoTime()}). */
    static TimeSource system() {
        return System::nanoTime;
    }
}
