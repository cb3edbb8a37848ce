package dev.bulwark.scan.image.binary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds minimal ELF files for unit tests of the decoders: one read-write PT_LOAD segment that maps the whole file
 * at {@link #BASE}, the given sections laid out from file offset {@link #FIRST} (16-byte aligned) and, optionally,
 * a section header table. A section at file offset {@code o} is therefore at virtual address {@code BASE + o}.
 */
final class TinyElf {
    static final long BASE = 0x400000;
    static final int FIRST = 0x1000;

    record Sec(String name, byte[] data) {
    }

    private TinyElf() {
    }

    static byte[] build(boolean is64, boolean bigEndian, boolean sectionHeaders, Sec... sections) {
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int ehsize = is64 ? 64 : 52;
        int phentsize = is64 ? 56 : 32;
        int shentsize = is64 ? 64 : 40;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<long[]> placed = new ArrayList<>(); // {offset, size, nameIndex}
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.write(0);
        int off = FIRST;
        for (Sec s : sections) {
            placed.add(new long[] {off, s.data().length, names.size()});
            names.writeBytes((s.name() + "\0").getBytes(StandardCharsets.ISO_8859_1));
            body.writeBytes(s.data());
            int pad = (16 - (s.data().length % 16)) % 16;
            body.writeBytes(new byte[pad]);
            off += s.data().length + pad;
        }
        int shstrName = names.size();
        names.writeBytes(".shstrtab\0".getBytes(StandardCharsets.ISO_8859_1));
        int shstrOff = off;
        byte[] nameBytes = names.toByteArray();
        int shoff = (shstrOff + nameBytes.length + 15) & ~15;
        int shnum = sectionHeaders ? sections.length + 2 : 0;
        int total = shoff + shnum * shentsize;

        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (bigEndian ? 2 : 1), 1});
        b.putShort(16, (short) 2).putShort(18, (short) (is64 ? 0x3e : 3)).putInt(20, 1);
        if (is64) {
            b.putLong(24, BASE).putLong(32, ehsize).putLong(40, sectionHeaders ? shoff : 0);
        } else {
            b.putInt(24, (int) BASE).putInt(28, ehsize).putInt(32, sectionHeaders ? shoff : 0);
        }
        int h = is64 ? 52 : 40;
        b.putShort(h, (short) ehsize).putShort(h + 2, (short) phentsize).putShort(h + 4, (short) 1)
                .putShort(h + 6, (short) shentsize).putShort(h + 8, (short) shnum)
                .putShort(h + 10, (short) (sectionHeaders ? shnum - 1 : 0));
        // PT_LOAD, R+W, the whole file at BASE.
        int p = ehsize;
        if (is64) {
            b.putInt(p, 1).putInt(p + 4, 6).putLong(p + 8, 0).putLong(p + 16, BASE).putLong(p + 24, BASE)
                    .putLong(p + 32, total).putLong(p + 40, total).putLong(p + 48, 0x1000);
        } else {
            b.putInt(p, 1).putInt(p + 4, 0).putInt(p + 8, (int) BASE).putInt(p + 12, (int) BASE)
                    .putInt(p + 16, total).putInt(p + 20, total).putInt(p + 24, 6).putInt(p + 28, 0x1000);
        }
        b.put(FIRST, body.toByteArray());
        b.put(shstrOff, nameBytes);
        if (sectionHeaders) {
            for (int i = 0; i < placed.size(); i++) {
                long[] s = placed.get(i);
                header(b, is64, shoff + (i + 1) * shentsize, (int) s[2], 1, BASE + s[0], s[0], s[1]);
            }
            header(b, is64, shoff + (shnum - 1) * shentsize, shstrName, 3, 0, shstrOff, nameBytes.length);
        }
        return b.array();
    }

    /** Offset of the section header for section {@code index} (1-based, as in the file). */
    static int sectionHeaderOffset(byte[] elf, boolean is64, boolean bigEndian, int index) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long shoff = is64 ? b.getLong(40) : b.getInt(32);
        return (int) shoff + index * (is64 ? 64 : 40);
    }

    private static void header(ByteBuffer b, boolean is64, int at, int name, int type, long addr, long off, long size) {
        b.putInt(at, name).putInt(at + 4, type);
        if (is64) {
            b.putLong(at + 16, addr).putLong(at + 24, off).putLong(at + 32, size);
        } else {
            b.putInt(at + 12, (int) addr).putInt(at + 16, (int) off).putInt(at + 20, (int) size);
        }
    }
}
