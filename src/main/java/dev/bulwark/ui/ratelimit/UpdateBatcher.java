package dev.bulwark.ui.ratelimit;

import java.util.List;
import java.util.function.Consumer;

/**
 * Carries high-rate updates from a run's thread to the FX thread in batches. The application uses
 * {@link dev.bulwark.ui.FrameBatcher} (one batch per frame); view-model tests deliver directly.
 */
public interface UpdateBatcher<T> extends AutoCloseable {

    /** Queues an update; any thread. */
    void offer(T update);

    /** Stops delivering. */
    @Override
    void close();

    /** Creates a started batcher delivering to {@code sink}. */
    @FunctionalInterface
    interface Factory {
        /** Called on the FX thread when a run starts. */
        <T> UpdateBatcher<T> start(Consumer<List<T>> sink);
    }
}
