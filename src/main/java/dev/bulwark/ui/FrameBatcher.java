package dev.bulwark.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects high-rate updates from any thread and hands them to the FX thread at most once per frame,
 * as one list, so a burst of thousands of updates costs one layout pass.
 *
 * <p>The frame timer runs only while updates arrive: a running {@link AnimationTimer} makes JavaFX pulse
 * (CSS, layout and render checks) 60 times a second, which for a monitor updated once a second cost more
 * CPU than the updates themselves. It stops at the first frame with nothing to deliver and is armed again
 * by the next {@link #offer}.
 *
 * <p>The application's one {@link UpdateBatcher}: view-models get it through {@link #factory()}.
 */
public final class FrameBatcher<T> implements UpdateBatcher<T> {
    private static final Logger LOG = LoggerFactory.getLogger(FrameBatcher.class);
    private final ConcurrentLinkedQueue<T> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final Consumer<List<T>> sink;
    private final AnimationTimer timer;
    private volatile boolean started;
    private volatile boolean closed;

    /** @param sink receives each frame's batch on the FX thread (never an empty list) */
    public FrameBatcher(Consumer<List<T>> sink) {
        this.sink = Objects.requireNonNull(sink);
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onFrame();
            }
        };
    }

    /** Batchers delivering once per frame, each started as it is created. */
    public static UpdateBatcher.Factory factory() {
        return FrameBatcher::started;
    }

    private static <T> FrameBatcher<T> started(Consumer<List<T>> sink) {
        FrameBatcher<T> b = new FrameBatcher<>(sink);
        b.start();
        return b;
    }

    /** Starts delivering (updates offered before are delivered on the next frame); any thread. */
    public void start() {
        started = true;
        arm();
    }

    /** Queues an update; any thread. Dropped once closed. */
    @Override
    public void offer(T update) {
        if (closed) {
            return;
        }
        pending.add(update);
        arm();
    }

    /** True while the frame timer runs (updates are waiting or were delivered on the last frame). */
    boolean running() {
        return armed.get();
    }

    private void arm() {
        if (started && !closed && !pending.isEmpty() && armed.compareAndSet(false, true)) {
            onFxThread(() -> {
                if (closed) {
                    armed.set(false);
                } else {
                    timer.start();
                }
            });
        }
    }

    private void onFxThread(Runnable r) {
        try {
            Platform.runLater(r);
        } catch (IllegalStateException e) {
            // The toolkit has exited (the app is closing): no frame will come, so there is nothing to schedule.
            armed.set(false);
            LOG.debug("frame batcher: FX toolkit gone, update not scheduled", e);
        }
    }

    private void onFrame() {
        List<T> batch = drain();
        if (!batch.isEmpty() && !closed) {
            sink.accept(batch);
            return;
        }
        timer.stop();
        armed.set(false);
        // An offer between drain() and armed.set(false) saw the timer armed and did not re-arm it.
        arm();
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
        closed = true;
        pending.clear();
        if (Platform.isFxApplicationThread()) {
            timer.stop();
        } else {
            onFxThread(timer::stop);
        }
    }
}
