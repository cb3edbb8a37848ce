package dev.bulwark.ui;

import dev.bulwark.util.NamedThreads;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one boundary between background work and the FX thread: work runs on named virtual threads,
 * results and failures are delivered through the {@code fxExecutor} (normally {@code Platform::runLater}).
 * A failure without its own handler goes to the {@link ErrorReporter}, so none is lost.
 */
public final class TaskRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final ExecutorService background;
    private final Executor fxExecutor;
    private final ErrorReporter errors;

    public TaskRunner(Executor fxExecutor, ErrorReporter errors) {
        this.background = NamedThreads.virtualExecutor("bulwark-task");
        this.fxExecutor = Objects.requireNonNull(fxExecutor);
        this.errors = Objects.requireNonNull(errors);
    }

    /**
     * Runs {@code work} in the background.
     *
     * @param name      what the work is, for logs and error dialogs
     * @param onSuccess called on the FX thread with the result
     * @param onFailure called on the FX thread with the failure; null sends it to the error reporter
     * @return a future completing (off the FX thread) with the result; cancel it to interrupt the work
     */
    public <T> CompletableFuture<T> run(String name, Callable<T> work, Consumer<? super T> onSuccess,
                                        Consumer<Throwable> onFailure) {
        CompletableFuture<T> result = new CompletableFuture<>();
        var submitted = background.submit(() -> {
            Thread.currentThread().setName("bulwark-task-" + name);
            try {
                T value = work.call();
                result.complete(value);
                if (onSuccess != null) {
                    fxExecutor.execute(() -> onSuccess.accept(value));
                }
            } catch (InterruptedException e) {
                result.cancel(true);
                LOG.info("Task '{}' cancelled", name);
            } catch (Throwable t) {
                result.completeExceptionally(t);
                LOG.warn("Task '{}' failed", name, t);
                fxExecutor.execute(() -> {
                    if (onFailure != null) {
                        onFailure.accept(t);
                    } else {
                        errors.report("Task failed: " + name, t);
                    }
                });
            }
            return null;
        });
        result.whenComplete((v, t) -> {
            if (result.isCancelled()) {
                submitted.cancel(true);
            }
        });
        return result;
    }

    /** Fire-and-forget background work whose failure goes to the error reporter. */
    public void run(String name, Runnable work) {
        run(name, () -> {
            work.run();
            return null;
        }, null, null);
    }

    /** Interrupts running work and waits briefly for it to stop. */
    @Override
    public void close() {
        background.shutdownNow();
        try {
            if (!background.awaitTermination(3, TimeUnit.SECONDS)) {
                LOG.warn("Background tasks still running after 3 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
