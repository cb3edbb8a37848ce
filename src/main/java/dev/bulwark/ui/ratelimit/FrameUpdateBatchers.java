package dev.bulwark.ui.ratelimit;

import dev.bulwark.ui.FrameBatcher;
import java.util.List;
import java.util.function.Consumer;

/** {@link UpdateBatcher}s backed by the shell's {@link FrameBatcher}: one batch per rendered frame. */
public final class FrameUpdateBatchers implements UpdateBatcher.Factory {

    @Override
    public <T> UpdateBatcher<T> start(Consumer<List<T>> sink) {
        FrameBatcher<T> frames = new FrameBatcher<>(sink);
        frames.start();
        return new UpdateBatcher<>() {
            @Override
            public void offer(T update) {
                frames.offer(update);
            }

            @Override
            public void close() {
                frames.close();
            }
        };
    }
}
