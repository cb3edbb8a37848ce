package dev.bulwark.scan.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a source stream ahead on its own named thread into a few fixed buffers ({@code depth x chunk}
 * bytes, the only memory it holds), so the producer (an engine exporting an image, a disk) never waits for the
 * scanner's parsing and the two overlap. Errors of the source surface on the reading side; {@link #close()}
 * stops the reader thread and closes the source.
 */
final class Prefetch extends InputStream {
    private record Chunk(byte[] data, int length, IOException failure) {
    }

    private static final int MIN_FILL = 256 << 10;
    private static final Chunk END = new Chunk(new byte[0], -1, null);

    private final InputStream source;
    private final BlockingQueue<Chunk> filled;
    private final BlockingQueue<byte[]> free;
    private final Thread reader;
    private Chunk current;
    private int pos;
    private volatile boolean closed;

    Prefetch(InputStream source, int depth, int chunk) {
        this.source = source;
        this.filled = new ArrayBlockingQueue<>(depth + 1);
        this.free = new ArrayBlockingQueue<>(depth);
        for (int i = 0; i < depth; i++) {
            free.add(new byte[chunk]);
        }
        // A platform thread, not a virtual one: it lives for one scan and does nothing but block in the source's
        // reads. As a virtual thread every empty socket read went through the poller and a carrier hand-over, whose
        // wake-ups and spinning took CPU from the parser on a busy two-core machine (whole small-image scans 15-20%
        // slower in ImageScanBenchTest's setting).
        this.reader = Thread.ofPlatform().daemon().name("image-prefetch").start(this::fill);
    }

    private void fill() {
        try {
            while (!closed) {
                byte[] buf = free.take();
                // Gather at least MIN_FILL bytes per hand-over: an HTTP body can come in reads of a few KiB,
                // and a queue hand-over (a thread wake-up) per small read costs more than parsing its bytes.
                int n = 0;
                int r = 0;
                try {
                    while (n < Math.min(MIN_FILL, buf.length) && (r = source.read(buf, n, buf.length - n)) >= 0) {
                        n += r;
                    }
                } catch (IOException e) {
                    if (n > 0) {
                        filled.put(new Chunk(buf, n, null)); // what arrived before the failure is still read
                    }
                    throw e;
                }
                if (n > 0) {
                    filled.put(new Chunk(buf, n, null));
                }
                if (r < 0) {
                    filled.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: nobody reads any more
        } catch (IOException e) {
            filled.offer(new Chunk(null, -1, e));
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (current == null || pos == current.length()) {
            if (current != null && current != END && current.data() != null) {
                free.offer(current.data());
            }
            if (current == END) {
                return -1;
            }
            try {
                current = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the image");
            }
            pos = 0;
            if (current.failure() != null) {
                IOException f = current.failure();
                current = END;
                throw new IOException(f.getMessage(), f);
            }
            if (current == END) {
                return -1;
            }
        }
        int n = Math.min(len, current.length() - pos);
        System.arraycopy(current.data(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        reader.interrupt();
        try {
            source.close();
        } finally {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
