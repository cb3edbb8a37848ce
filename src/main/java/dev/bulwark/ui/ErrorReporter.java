package dev.bulwark.ui;

/** Where failures nobody else handles end up: the log and an error dialog with "copy details". */
@FunctionalInterface
public interface ErrorReporter {
    /** Reports {@code error}; may be called from any thread. */
    void report(String context, Throwable error);
}
