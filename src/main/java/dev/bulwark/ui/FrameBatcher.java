package dev.bulwark.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;

/**
 * Collects high-rate updates from any thread and hands them to the FX thread at most once per frame,
 * as one list, so a burst of thousands of updates costs one layout pass.
 */
public final class FrameBatcher<T> implements AutoCloseable {
    private final ConcurrentLinkedQueue<T> pending = new ConcurrentLinkedQueue<>();
    private final AnimationTimer timer;

    /** @param sink receives each frame's batch on the FX thread (never an empty list) */
    public FrameBatcher(Consumer<List<T>> sink) {
        Objects.requireNonNull(sink);
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                List<T> batch = drain();
                if (!batch.isEmpty()) {
                    sink.accept(batch);
                }
            }
        };
    }

    /** Starts delivering; call on the FX thread. */
    public void start() {
        timer.start();
    }

    /** Queues an update; any thread. */
    public void offer(T update) {
        pending.add(update);
    }

    List<T> drain() {
        List<T> batch = new ArrayList<>();
        for (T t; (t = pending.poll()) != null; ) {
            batch.add(t);
        }
        return batch;
    }

    @Override
    public void close() {
        timer.stop();
        pending.clear();
    }
}
