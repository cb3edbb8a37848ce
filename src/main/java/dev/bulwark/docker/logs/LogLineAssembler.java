package dev.bulwark.docker.logs;

import dev.bulwark.docker.engine.LogChunk;
import java.io.ByteArrayOutputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles lines from chunks (which may split or join lines), per source, keeping at most
 * {@code maxLineBytes} of any line: the rest is counted and dropped, so a line with no newline cannot
 * exhaust memory.
 */
public final class LogLineAssembler {

    /** A complete raw line and how many bytes of it were dropped. */
    public record RawLine(LogChunk.Source source, byte[] bytes, long droppedBytes) {
    }

    private final int maxLineBytes;
    private final boolean timestamps;
    private final Map<LogChunk.Source, Pending> pending = new EnumMap<>(LogChunk.Source.class);

    /**
     * @param maxLineBytes bytes kept per line
     * @param timestamps   the engine prefixes each entry with a timestamp; the engine splits long lines
     *                     into 16 KiB entries (one frame each), so the prefixes of continuation frames are
     *                     removed to rebuild the line
     */
    public LogLineAssembler(int maxLineBytes, boolean timestamps) {
        this.maxLineBytes = maxLineBytes;
        this.timestamps = timestamps;
    }

    /** Feeds one chunk; emits every line it completes. */
    public void accept(LogChunk chunk, Consumer<RawLine> out) {
        Pending p = pending.computeIfAbsent(chunk.source(), s -> new Pending());
        byte[] b = chunk.bytes();
        int start = 0;
        if (timestamps && chunk.source() != LogChunk.Source.TTY && (p.buf.size() > 0 || p.dropped > 0)) {
            start = timestampLength(b);
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                p.append(b, start, i - start, maxLineBytes);
                out.accept(p.take(chunk.source()));
                start = i + 1;
            }
        }
        p.append(b, start, b.length - start, maxLineBytes);
    }

    /** Emits unfinished lines (end of stream). */
    public void flush(Consumer<RawLine> out) {
        pending.forEach((source, p) -> {
            if (p.buf.size() > 0 || p.dropped > 0) {
                out.accept(p.take(source));
            }
        });
    }

    /** Length of a leading {@code <RFC 3339 time> } prefix, or 0. */
    static int timestampLength(byte[] b) {
        int n = Math.min(b.length, 40);
        for (int i = 0; i < n; i++) {
            if (b[i] == ' ') {
                try {
                    java.time.Instant.parse(new String(b, 0, i, java.nio.charset.StandardCharsets.US_ASCII));
                    return i + 1;
                } catch (java.time.format.DateTimeParseException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static final class Pending {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long dropped;

        void append(byte[] b, int off, int len, int max) {
            int room = Math.max(0, max - buf.size());
            int keep = Math.min(room, len);
            buf.write(b, off, keep);
            dropped += len - keep;
        }

        RawLine take(LogChunk.Source source) {
            RawLine line = new RawLine(source, buf.toByteArray(), dropped);
            buf.reset();
            dropped = 0;
            return line;
        }
    }
}
