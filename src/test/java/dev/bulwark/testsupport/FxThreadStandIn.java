package dev.bulwark.testsupport;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One named thread ({@code test-fx}) that stands in for the JavaFX application thread in view-model tests
 * without a toolkit: hand it to the {@code TaskRunner} and the batchers as the FX executor, and read or change
 * view-model state through {@link #call}/{@link #run} so every access happens on that thread, as in the app.
 * A failure inside the work is rethrown as is (an assertion stays an assertion); work that does not finish in
 * {@value #TIMEOUT_SECONDS} s fails the test instead of hanging it.
 */
public final class FxThreadStandIn implements Executor, AutoCloseable {
    /** How long {@link #call} waits for the thread. */
    public static final long TIMEOUT_SECONDS = 30;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-fx"));

    /** Runs {@code work} on the stand-in thread and returns its result. */
    public <T> T call(Callable<T> work) {
        try {
            return thread.submit(work).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the test FX thread", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the test FX thread did not finish within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Runs {@code work} on the stand-in thread and waits for it. */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Queues {@code command} on the stand-in thread (the FX executor contract: {@code Platform.runLater}). */
    @Override
    public void execute(Runnable command) {
        thread.execute(command);
    }

    /** Stops the thread; queued work is dropped. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
