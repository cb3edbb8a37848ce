package dev.bulwark.scan.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Small stream helpers for reading untrusted archives within bounds. */
final class InputStreams {
    private InputStreams() {
    }

    /** A view of {@code in} whose close does nothing (nested readers must not close the outer stream). */
    static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the owner closes the underlying stream
            }
        };
    }

    /** Reads all of {@code in}, refusing more than {@code max} bytes with a message naming {@code what}. */
    static byte[] readBounded(InputStream in, long max, String what) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8) + 1);
        if (bytes.length > max) {
            throw new OversizedException(what + ": larger than the " + (max >> 10) + " KiB limit for metadata files,"
                    + " not read");
        }
        return bytes;
    }

    /** A file over a size limit: the file is skipped, the layer continues. */
    static final class OversizedException extends IOException {
        OversizedException(String message) {
            super(message);
        }
    }

    /** Counts the bytes read through it. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
