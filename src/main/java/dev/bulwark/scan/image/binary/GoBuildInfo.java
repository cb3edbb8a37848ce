package dev.bulwark.scan.image.binary;

import dev.bulwark.scan.image.binary.ExecutableLayout.Section;
import dev.bulwark.scan.image.binary.ExecutableLayout.Segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Locates and decodes the build-info blob the Go linker embeds in every Go executable (since Go 1.13): the
 * toolchain version and the module information that {@code go version -m} prints.
 *
 * <p>The blob starts with a 32-byte header: the 14-byte magic {@code "\xff Go buildinf:"}, the pointer size, a flags
 * byte and 16 bytes of payload. With {@code flags & 2} (Go 1.18 and newer) the version and module strings follow the
 * header inline, each prefixed with its length as an unsigned varint. Otherwise (Go 1.17 and older) the payload holds
 * two pointers, in the byte order given by {@code flags & 1}, to Go string headers {@code {data pointer, length}}
 * that have to be resolved through the file's segment mappings.
 *
 * <p>The blob is found in the {@code .go.buildinfo} (ELF) or {@code __go_buildinfo} (Mach-O) section when present,
 * otherwise by scanning the first writable data mapping for the magic at 16-byte alignment, as Go itself does
 * (except for ELF files whose section table shows no Go section at all, see {@link #mayBeGo}).
 */
final class GoBuildInfo {
    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER = 32;
    private static final int ALIGN = 16;
    private static final int FLAG_BIG_ENDIAN = 1;
    private static final int FLAG_INLINE = 2;
    /** Toolchain versions are short ("go1.22.3 X:boringcrypto"); anything longer is corruption. */
    static final int MAX_VERSION = 1024;
    /** The module list of the largest real binaries (kubectl, terraform) is well under 100 KiB. */
    static final int MAX_MODINFO = 8 << 20;
    private static final int CHUNK = 64 << 10;

    /** The decoded blob: toolchain version and the raw module info (sentinels already removed; may be empty). */
    record Raw(String version, String modinfo) {
    }

    private GoBuildInfo() {
    }

    /** Finds and decodes the blob; empty when the binary carries none (not a Go program, or stripped of it). */
    static Optional<Raw> read(ByteSource src, ExecutableLayout layout) throws IOException {
        Optional<Section> named = layout.section(null, ".go.buildinfo")
                .or(() -> layout.section(null, "__go_buildinfo"));
        long at;
        if (named.isPresent() && named.get().size() >= HEADER) {
            at = find(src, named.get().offset(), named.get().size());
        } else if (layout.dataStart() != null && mayBeGo(layout)) {
            Segment d = layout.dataStart();
            at = find(src, d.offset(), d.fileSize());
        } else {
            return Optional.empty();
        }
        if (at < 0) {
            return Optional.empty();
        }
        byte[] header = src.read(at, HEADER, "Go build info header");
        int ptrSize = header[14];
        int flags = header[15];
        String version;
        String mod;
        if ((flags & FLAG_INLINE) != 0) {
            long[] next = {at + HEADER};
            version = new String(inlineString(src, next, MAX_VERSION, "Go version string"), StandardCharsets.UTF_8);
            mod = new String(inlineString(src, next, MAX_MODINFO, "Go module info"), StandardCharsets.UTF_8);
        } else {
            if (ptrSize != 4 && ptrSize != 8) {
                throw new IOException("Go build info header: pointer size " + ptrSize + " (expected 4 or 8)");
            }
            boolean bigEndian = (flags & FLAG_BIG_ENDIAN) != 0;
            ByteBuffer h = ByteSource.view(header, bigEndian);
            long versionAddr = ByteSource.word(h, 16, ptrSize, "Go version pointer");
            long modAddr = ByteSource.word(h, 16 + ptrSize, ptrSize, "Go module info pointer");
            version = new String(pointedString(src, layout, versionAddr, ptrSize, bigEndian, MAX_VERSION,
                    "Go version string"), StandardCharsets.UTF_8);
            mod = new String(pointedString(src, layout, modAddr, ptrSize, bigEndian, MAX_MODINFO,
                    "Go module info"), StandardCharsets.UTF_8);
        }
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Raw(version, stripSentinels(mod)));
    }

    /**
     * Whether scanning the data segment is worth it. Go's linker gives every ELF executable a {@code .gopclntab} and a
     * {@code .note.go.buildid} section (and {@code .go.buildinfo} since Go 1.13), internal or external linking alike;
     * an ELF file that has a section table but none of them is not Go, and skipping it spares reading the data
     * segment of every shared library in an image. Files without a section table (stripped with sstrip), PE and
     * Mach-O files are scanned, as Go's own reader does.
     */
    private static boolean mayBeGo(ExecutableLayout layout) {
        if (!layout.format().equals("ELF") || layout.sections().isEmpty()) {
            return true;
        }
        return layout.sections().stream().map(ExecutableLayout.Section::name)
                .anyMatch(n -> n.equals(".gopclntab") || n.equals(".note.go.buildid") || n.equals(".go.buildinfo")
                        || n.equals(".data.rel.ro.gopclntab"));
    }

    /**
     * The module info is framed by two 16-byte sentinels (cmd/go's infoStart/infoEnd), the last one preceded by a
     * newline. Without that framing Go treats the info as absent, and so do we.
     */
    static String stripSentinels(String mod) {
        if (mod.length() >= 33 && mod.charAt(mod.length() - 17) == '\n') {
            return mod.substring(16, mod.length() - 16);
        }
        return "";
    }

    /** File offset of the magic at a 16-byte aligned position within {@code [offset, offset+len)}, or -1. */
    private static long find(ByteSource src, long offset, long len) throws IOException {
        if (offset < 0 || offset >= src.size()) {
            throw new IOException("Go build info region at file offset " + offset + " lies outside the file ("
                    + src.size() + " bytes)");
        }
        long end = offset + Math.min(len, src.size() - offset);
        for (long chunk = offset; chunk < end; chunk += CHUNK) {
            byte[] data = src.readUpTo(chunk, (int) Math.min(CHUNK, end - chunk), "Go data segment");
            for (int i = 0; i + MAGIC.length <= data.length; i += ALIGN) {
                if (Arrays.equals(data, i, i + MAGIC.length, MAGIC, 0, MAGIC.length)) {
                    return chunk + i;
                }
            }
        }
        return -1;
    }

    /** A varint-length-prefixed string at file offset {@code pos[0]}; advances {@code pos[0]} past it. */
    private static byte[] inlineString(ByteSource src, long[] pos, int max, String what) throws IOException {
        long[] lenAndSize = uvarint(src.readUpTo(pos[0], 10, what + " length"), 0, what);
        long len = lenAndSize[0];
        if (len > max) {
            throw new IOException(what + ": absurd length " + len + " bytes (limit " + max + ")");
        }
        byte[] s = src.read(pos[0] + lenAndSize[1], len, what);
        pos[0] += lenAndSize[1] + len;
        return s;
    }

    /**
     * Decodes an unsigned LEB128 varint (Go's {@code binary.Uvarint}) at {@code at}: returns {value, bytes used}.
     * Refuses values that overflow 63 bits and varints that run off the end of {@code b}.
     */
    static long[] uvarint(byte[] b, int at, String what) throws IOException {
        long value = 0;
        for (int i = 0; i < 10; i++) {
            if (at + i >= b.length) {
                throw new IOException(what + ": truncated varint");
            }
            int c = b[at + i] & 0xff;
            if (i == 9 && c > 0) {
                throw new IOException(what + ": varint overflows 63 bits");
            }
            value |= (long) (c & 0x7f) << (7 * i);
            if (c < 0x80) {
                if (value < 0) {
                    throw new IOException(what + ": varint overflows 63 bits");
                }
                return new long[] {value, i + 1};
            }
        }
        throw new IOException(what + ": varint longer than 10 bytes");
    }

    /** Resolves a pointer to a Go string header {data, len} and reads the string. */
    private static byte[] pointedString(ByteSource src, ExecutableLayout layout, long addr, int ptrSize,
                                        boolean bigEndian, int max, String what) throws IOException {
        ByteBuffer hdr = ByteSource.view(layout.readVirtual(src, addr, 2L * ptrSize, what + " header"), bigEndian);
        long data = ByteSource.word(hdr, 0, ptrSize, what + " pointer");
        long len = ByteSource.word(hdr, ptrSize, ptrSize, what + " length");
        if (len > max) {
            throw new IOException(what + ": absurd length " + len + " bytes (limit " + max + ")");
        }
        if (len == 0) {
            return new byte[0];
        }
        return layout.readVirtual(src, data, len, what);
    }
}
