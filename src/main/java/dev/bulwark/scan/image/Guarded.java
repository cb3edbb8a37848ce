package dev.bulwark.scan.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The uncompressed stream of one layer, with its limits: the total expanded size, and for compressed layers the
 * expansion ratio (a decompression bomb is refused long before it costs real time). Any failure of the underlying
 * stream surfaces as a {@link StreamFailure}, so the reader can tell a broken layer from one unreadable file.
 */
final class Guarded extends FilterInputStream {
    /** The layer's own stream broke (corrupt compression, truncation): the layer cannot continue. */
    static final class StreamFailure extends IOException {
        StreamFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A limit was exceeded: the layer is refused from here on. */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private final InputStreams.Counting compressedCount;
    private final boolean compressed;
    private final String layer;
    private final ImageLimits limits;
    private long inflated;

    Guarded(InputStream in, InputStreams.Counting compressedCount, boolean compressed, String layer,
            ImageLimits limits) {
        super(in);
        this.compressedCount = compressedCount;
        this.compressed = compressed;
        this.layer = layer;
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            throw new StreamFailure((compressed ? "corrupt compressed data: " : "read failed: ")
                    + LayerScanner.message(e), e);
        }
        if (n > 0) {
            inflated += n;
            check();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (compressed) {
            // Skipping compressed data must still inflate it, and count it towards the limits.
            byte[] scratch = new byte[(int) Math.min(n, 1 << 16)];
            long left = n;
            while (left > 0) {
                int r = read(scratch, 0, (int) Math.min(left, scratch.length));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }
        long s;
        try {
            s = super.skip(n);
        } catch (IOException e) {
            throw new StreamFailure("read failed: " + LayerScanner.message(e), e);
        }
        inflated += s;
        check();
        return s;
    }

    private void check() throws RefusedException {
        if (inflated > limits.maxLayerBytes()) {
            throw new RefusedException("expands past the " + (limits.maxLayerBytes() >> 20) + " MiB layer limit");
        }
        if (compressed && inflated > limits.bombFloorBytes()
                && inflated > limits.bombRatio() * Math.max(1, compressedCount.count)) {
            throw new RefusedException("decompression bomb: " + (compressedCount.count >> 10) + " KiB expand to more than "
                    + (inflated >> 20) + " MiB (over " + limits.bombRatio() + "x)");
        }
    }

    @Override
    public boolean markSupported() {
        // The look-ahead below only replays the layer's first bytes; the tar reader copes without marks.
        return false;
    }

    /** Uncompressed bytes read so far. */
    long inflated() {
        return inflated;
    }

    @Override
    public void close() {
        // the archive reader owns the underlying stream
    }

    String layer() {
        return layer;
    }
}
