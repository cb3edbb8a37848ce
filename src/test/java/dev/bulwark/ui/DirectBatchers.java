package dev.bulwark.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The view-model tests' {@link UpdateBatcher.Factory}: no frames and no toolkit. What is offered goes to the
 * test's "FX" executor at once: everything offered until that executor runs the delivery arrives as one batch,
 * in order (with a queue the test drains by hand, a test decides where batches end; with {@code Runnable::run}
 * every update is delivered synchronously as a batch of one). Nothing is delivered after {@code close()}.
 */
public final class DirectBatchers implements UpdateBatcher.Factory {
    private final Executor fx;
    private final AtomicInteger offered = new AtomicInteger();

    private DirectBatchers(Executor fx) {
        this.fx = Objects.requireNonNull(fx);
    }

    /** Batchers delivering on {@code fx}. */
    public static DirectBatchers on(Executor fx) {
        return new DirectBatchers(fx);
    }

    /** Updates offered so far to open batchers of this factory: tests wait on it before delivering. */
    public int offered() {
        return offered.get();
    }

    @Override
    public <T> UpdateBatcher<T> start(Consumer<List<T>> sink) {
        return new Direct<>(sink);
    }

    private final class Direct<T> implements UpdateBatcher<T> {
        private final Consumer<List<T>> sink;
        private final ConcurrentLinkedQueue<T> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean closed;

        Direct(Consumer<List<T>> sink) {
            this.sink = Objects.requireNonNull(sink);
        }

        @Override
        public void offer(T update) {
            if (closed) {
                return;
            }
            pending.add(update);
            offered.incrementAndGet();
            if (scheduled.compareAndSet(false, true)) {
                fx.execute(this::deliver);
            }
        }

        private void deliver() {
            scheduled.set(false);
            List<T> batch = new ArrayList<>();
            for (T t; (t = pending.poll()) != null; ) {
                batch.add(t);
            }
            if (!closed && !batch.isEmpty()) {
                sink.accept(batch);
            }
        }

        @Override
        public void close() {
            closed = true;
            pending.clear();
        }
    }
}
