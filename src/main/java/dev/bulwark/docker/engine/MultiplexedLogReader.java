package dev.bulwark.docker.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits Docker's log stream into {@link LogChunk}s. Without a TTY each frame has an 8-byte header
 * {@code [stream, 0, 0, 0, size(4, big-endian)]}; with a TTY the bytes are raw.
 */
public final class MultiplexedLogReader {
    /** Frames larger than this are delivered in pieces, so one huge line cannot allocate unbounded memory. */
    static final int MAX_CHUNK = 64 * 1024;

    private final InputStream in;
    private final boolean tty;
    private LogChunk.Source pendingSource;
    private long pendingBytes;

    public MultiplexedLogReader(InputStream in, boolean tty) {
        this.in = in;
        this.tty = tty;
    }

    /** The next chunk, or null at the end of the stream. */
    public LogChunk next() throws IOException {
        if (tty) {
            byte[] buf = new byte[8192];
            int n = in.read(buf);
            return n < 0 ? null : new LogChunk(LogChunk.Source.TTY, java.util.Arrays.copyOf(buf, n));
        }
        while (pendingBytes == 0) {
            byte[] header = new byte[8];
            int got = in.readNBytes(header, 0, 8);
            if (got == 0) {
                return null;
            }
            if (got < 8) {
                throw new EOFException("log stream ended inside a frame header");
            }
            pendingSource = switch (header[0]) {
                case 2 -> LogChunk.Source.STDERR;
                default -> LogChunk.Source.STDOUT; // 0 = stdin echo, 1 = stdout
            };
            pendingBytes = ((header[4] & 0xFFL) << 24) | ((header[5] & 0xFFL) << 16) | ((header[6] & 0xFFL) << 8)
                    | (header[7] & 0xFFL);
        }
        int want = (int) Math.min(pendingBytes, MAX_CHUNK);
        byte[] payload = in.readNBytes(want);
        if (payload.length < want) {
            throw new EOFException("log stream ended inside a frame");
        }
        pendingBytes -= want;
        return new LogChunk(pendingSource, payload);
    }
}
