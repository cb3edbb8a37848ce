package dev.bulwark.docker.engine;

import java.io.IOException;

/**
 * A blocking stream of items from the engine (stats frames, events, log chunks). One reader thread calls
 * {@link #next()}; any thread may {@link #close()} it, which makes a blocked {@code next()} return or throw.
 */
public interface EngineStream<T> extends AutoCloseable {

    /** The next item, or null when the engine ended the stream. */
    T next() throws IOException;

    /** Releases the connection; idempotent, never throws. */
    @Override
    void close();
}
