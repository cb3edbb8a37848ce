package dev.bulwark.scan.image.binary;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Positioned, bounded reads from a binary. Every read states its length up front and is checked against the file
 * size and a per-read cap before any buffer is allocated, so a corrupt header can never make us allocate or read
 * more than the file holds.
 */
final class ByteSource {
    /** No single structure we read (header table, section, string) may exceed this. */
    static final int MAX_READ = 64 << 20;

    private final SeekableByteChannel channel;
    private final long size;

    ByteSource(SeekableByteChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    long size() {
        return size;
    }

    /** Reads exactly {@code len} bytes at {@code offset}; {@code what} names the structure for error messages. */
    byte[] read(long offset, long len, String what) throws IOException {
        if (len < 0 || len > MAX_READ) {
            throw new IOException(what + ": absurd length " + len + " bytes (limit " + MAX_READ + ")");
        }
        if (offset < 0 || offset > size || len > size - offset) {
            throw new IOException(what + ": " + len + " bytes at offset " + offset + " lie outside the file ("
                    + size + " bytes): truncated or corrupt");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) len);
        channel.position(offset);
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new EOFException(what + ": file ended at offset " + (offset + buf.position())
                        + " although it claims " + size + " bytes");
            }
        }
        return buf.array();
    }

    /** Like {@link #read} but returns fewer bytes when the file ends first (for scanning). */
    byte[] readUpTo(long offset, int len, String what) throws IOException {
        long n = Math.max(0, Math.min(len, size - Math.max(0, offset)));
        return read(offset, n, what);
    }

    /** The NUL-terminated (or {@code max}-byte) Latin-1 name at {@code at} in {@code b}; empty when out of range. */
    static String cString(byte[] b, int at, int max) {
        if (at < 0 || at >= b.length) {
            return "";
        }
        int end = at;
        int limit = (int) Math.min(b.length, (long) at + max);
        while (end < limit && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.ISO_8859_1);
    }

    /** A little- or big-endian view of {@code bytes}. */
    static ByteBuffer view(byte[] bytes, boolean bigEndian) {
        return ByteBuffer.wrap(bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads an unsigned 32- or 64-bit word at {@code pos}; 64-bit values beyond {@code Long.MAX_VALUE} are refused. */
    static long word(ByteBuffer b, int pos, int size, String what) throws IOException {
        if (size == 4) {
            return Integer.toUnsignedLong(b.getInt(pos));
        }
        long v = b.getLong(pos);
        if (v < 0) {
            throw new IOException(what + ": value 0x" + Long.toHexString(v) + " is out of range");
        }
        return v;
    }
}
