package dev.bulwark.docker.logs;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.EngineStream;
import dev.bulwark.docker.engine.LogChunk;
import dev.bulwark.docker.engine.LogRequest;
import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a container's logs into sanitised {@link LogLine}s: a blocking tail, or a background follow that
 * fills a {@link LogBuffer} until closed.
 */
public final class LogReader {
    private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);

    /** Bytes kept per line before cutting; the sanitiser then cuts to {@code maxChars}. */
    static final int MAX_LINE_BYTES = 32 * 1024;

    private final LogSanitizer sanitizer;

    public LogReader(LogSanitizer sanitizer) {
        this.sanitizer = sanitizer;
    }

    /** Reads until the engine ends the stream (or forever with {@code follow}), on the calling thread. */
    public void read(DockerEngine engine, ContainerDetails container, LogRequest request, Consumer<LogLine> out)
            throws IOException {
        try (EngineStream<LogChunk> stream = engine.openLogs(container.id(), container.tty(), request)) {
            pump(stream, request.timestamps(), out);
        }
    }

    private void pump(EngineStream<LogChunk> stream, boolean timestamps, Consumer<LogLine> out) throws IOException {
        LogLineAssembler assembler = new LogLineAssembler(MAX_LINE_BYTES, timestamps);
        Consumer<LogLineAssembler.RawLine> emit = raw ->
                out.accept(sanitizer.sanitize(raw.source(), raw.bytes(), timestamps, raw.droppedBytes()));
        LogChunk chunk;
        while ((chunk = stream.next()) != null) {
            assembler.accept(chunk, emit);
        }
        assembler.flush(emit);
    }

    /**
     * Follows a container's logs on a named virtual thread into {@code buffer}, also passing each line to
     * {@code listener}. Errors end the follow and go to {@code onError}.
     */
    public Follow follow(DockerEngine engine, ContainerDetails container, int tail, LogBuffer buffer,
                         Consumer<LogLine> listener, Consumer<Exception> onError) {
        EngineStream<LogChunk> stream = engine.openLogs(container.id(), container.tty(), new LogRequest(tail, true, true));
        ExecutorService executor = NamedThreads.virtualExecutor("docker-logs-" + container.shortId());
        AtomicReference<Exception> failure = new AtomicReference<>();
        executor.submit(() -> {
            try {
                pump(stream, true, line -> {
                    buffer.append(line);
                    listener.accept(line);
                });
            } catch (IOException | RuntimeException e) {
                LOG.warn("log follow of {} ended: {}", container.name(), e.getMessage());
                failure.set(e);
                onError.accept(e);
            }
        });
        return new Follow(stream, executor, failure);
    }

    /** A running follow; closing it closes the engine stream and joins the reader thread. */
    public static final class Follow implements AutoCloseable {
        private final EngineStream<LogChunk> stream;
        private final ExecutorService executor;
        private final AtomicReference<Exception> failure;

        Follow(EngineStream<LogChunk> stream, ExecutorService executor, AtomicReference<Exception> failure) {
            this.stream = stream;
            this.executor = executor;
            this.failure = failure;
        }

        /** The error that ended the follow, or null. */
        public Exception failure() {
            return failure.get();
        }

        @Override
        public void close() {
            stream.close();
            executor.close();
        }
    }
}
