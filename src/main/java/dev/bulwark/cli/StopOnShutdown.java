package dev.bulwark.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets Ctrl-C (or a SIGTERM) stop a command's work instead of killing it: while open, a JVM shutdown
 * interrupts the thread that opened it and waits (a bounded time) until it closes, so the command can print
 * what it reached before the JVM exits.
 */
final class StopOnShutdown implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopOnShutdown(Thread worker) {
        this.hook = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bulwark-stop-on-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Interrupts the calling thread when the JVM begins to shut down. */
    static StopOnShutdown forCurrentThread() {
        return new StopOnShutdown(Thread.currentThread());
    }

    /** The work is done (its output written): a shutdown under way may proceed. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down: the hook is running and has just been released
            org.slf4j.LoggerFactory.getLogger(StopOnShutdown.class).debug("stopped by a shutdown", shuttingDown);
        }
    }
}
