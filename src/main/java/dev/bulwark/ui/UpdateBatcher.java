package dev.bulwark.ui;

import java.util.List;
import java.util.function.Consumer;

/**
 * Carries high-rate updates from any thread to the FX thread in batches, so a burst costs one change of the
 * view-model's state instead of one per update. The application uses {@link FrameBatcher} (one batch per
 * rendered frame, through {@link FrameBatcher#factory()}); view-model tests use a direct factory delivering on
 * their own "FX" thread. View-models take a {@link Factory} and start one batcher per stream they follow.
 *
 * @param <T> the update
 */
public interface UpdateBatcher<T> extends AutoCloseable {

    /** Queues an update; any thread. Dropped once closed. */
    void offer(T update);

    /** Stops delivering: nothing reaches the sink after this returns when called on the FX thread. */
    @Override
    void close();

    /** Starts batchers: what a view-model is given, so the composition root and tests choose the delivery. */
    @FunctionalInterface
    interface Factory {
        /**
         * Creates a started batcher.
         *
         * @param sink receives each batch on the FX thread, in offer order (never an empty list)
         */
        <T> UpdateBatcher<T> start(Consumer<List<T>> sink);
    }
}
