package dev.bulwark.scan.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Small stream helpers for reading untrusted archives within bounds. */
final class InputStreams {
    private InputStreams() {
    }

    /** gzip's magic number at the start of {@code head}. */
    static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** zstd's magic number at the start of {@code head}. */
    static boolean isZstd(byte[] head) {
        return head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd;
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

    /**
     * A stream whose first bytes can be looked at and re-read ({@link #mark}/{@link #reset} over that head only),
     * without a buffer copying every later read; {@link #close()} does not close the source.
     */
    static final class Peekable extends FilterInputStream {
        private final byte[] head;
        private int pos;
        private int markPos = -1;

        Peekable(InputStream in, int headSize) throws IOException {
            super(in);
            this.head = in.readNBytes(headSize);
        }

        /** The first bytes (fewer at the end of the stream). */
        byte[] peek() {
            return head.clone();
        }

        @Override
        public int read() throws IOException {
            return pos < head.length ? head[pos++] & 0xff : super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos < head.length) {
                int n = Math.min(len, head.length - pos);
                System.arraycopy(head, pos, b, off, n);
                pos += n;
                return n;
            }
            return super.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            if (pos < head.length) {
                int s = (int) Math.min(n, head.length - pos);
                pos += s;
                return s;
            }
            return super.skip(n);
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public synchronized void mark(int limit) {
            if (pos + limit > head.length) {
                throw new IllegalStateException("mark beyond the peeked head");
            }
            markPos = pos;
        }

        @Override
        public synchronized void reset() throws IOException {
            if (markPos < 0) {
                throw new IOException("reset without mark");
            }
            pos = markPos;
        }

        @Override
        public int available() throws IOException {
            return head.length - pos + super.available();
        }

        @Override
        public void close() {
            // the archive reader owns the source
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
