package dev.bulwark.scan.image.binary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Go build-info blobs in both on-disk formats, for unit tests. */
final class GoBlob {
    /** Stand-ins for cmd/go's 16-byte sentinels around the module info. */
    static final String START = "0123456789abcdef";
    static final String END = "FEDCBA9876543210";

    private GoBlob() {
    }

    /** The module info as the linker stores it: sentinel, text, newline, sentinel. */
    static String framed(String modText) {
        return START + modText + "\n" + END;
    }

    static byte[] header(int ptrSize, int flags) {
        byte[] h = new byte[32];
        System.arraycopy(GoBuildInfo.MAGIC, 0, h, 0, 14);
        h[14] = (byte) ptrSize;
        h[15] = (byte) flags;
        return h;
    }

    /** Go 1.18+ layout: header, then varint-length-prefixed version and module info. */
    static byte[] inline(String version, String mod) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(8, 2));
        for (String s : new String[] {version, mod}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(varint(b.length));
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /**
     * Go 1.17- layout for a blob that will sit at virtual address {@code at}: header with two pointers, then the two
     * string headers {data, len}, then the string bytes.
     */
    static byte[] pointer(int ptrSize, boolean bigEndian, long at, String version, String mod) {
        byte[] v = version.getBytes(StandardCharsets.UTF_8);
        byte[] m = mod.getBytes(StandardCharsets.UTF_8);
        int hdrs = 32;
        int data = hdrs + 4 * ptrSize;
        ByteBuffer b = ByteBuffer.allocate(data + v.length + m.length)
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(header(ptrSize, bigEndian ? 1 : 0));
        put(b, 16, ptrSize, at + hdrs);
        put(b, 16 + ptrSize, ptrSize, at + hdrs + 2L * ptrSize);
        put(b, hdrs, ptrSize, at + data);
        put(b, hdrs + ptrSize, ptrSize, v.length);
        put(b, hdrs + 2 * ptrSize, ptrSize, at + data + v.length);
        put(b, hdrs + 3 * ptrSize, ptrSize, m.length);
        b.put(data, v);
        b.put(data + v.length, m);
        return b.array();
    }

    static void put(ByteBuffer b, int at, int size, long value) {
        if (size == 4) {
            b.putInt(at, (int) value);
        } else {
            b.putLong(at, value);
        }
    }

    static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }
}
