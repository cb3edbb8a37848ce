package dev.bulwark.settings;

import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link Settings} and persists every change off the caller's thread, in order, on one
 * named virtual thread. {@link #close()} flushes pending writes.
 */
public final class SettingsService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsService.class);

    private final SettingsStore store;
    private final AtomicReference<Settings> current;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(NamedThreads.virtual("settings-writer"));
    private final List<Consumer<IOException>> failureListeners = new ArrayList<>();

    public SettingsService(SettingsStore store, Settings initial) {
        this.store = Objects.requireNonNull(store);
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    public Settings get() {
        return current.get();
    }

    /** Registers a listener told about failed writes (e.g. to show the user). */
    public synchronized void onWriteFailure(Consumer<IOException> listener) {
        failureListeners.add(listener);
    }

    /** Applies {@code change} and schedules a save of the result; returns the new settings. */
    public Settings update(UnaryOperator<Settings> change) {
        Settings next = current.updateAndGet(change);
        writer.execute(() -> persist(next));
        return next;
    }

    private void persist(Settings s) {
        // Writes may queue up; only the newest state matters.
        if (s != current.get()) {
            return;
        }
        try {
            store.save(s);
        } catch (IOException e) {
            LOG.error("Cannot save settings to {}", store.file(), e);
            List<Consumer<IOException>> listeners;
            synchronized (this) {
                listeners = List.copyOf(failureListeners);
            }
            listeners.forEach(l -> l.accept(e));
        }
    }

    /** Waits for pending writes, then stops the writer thread. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.error("Settings writer did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
