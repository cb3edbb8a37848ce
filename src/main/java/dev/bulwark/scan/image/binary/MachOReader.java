package dev.bulwark.scan.image.binary;

import dev.bulwark.scan.image.binary.ExecutableLayout.Section;
import dev.bulwark.scan.image.binary.ExecutableLayout.Segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads the segment and section load commands of a thin 32/64-bit Mach-O file in either byte order. */
final class MachOReader {
    private static final int LC_SEGMENT = 0x1;
    private static final int LC_SEGMENT_64 = 0x19;
    private static final int VM_PROT_RW = 3;

    private MachOReader() {
    }

    static ExecutableLayout read(ByteSource src) throws IOException {
        byte[] m = src.read(0, 4, "Mach-O magic");
        int magicBe = ((m[0] & 0xff) << 24) | ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
        boolean bigEndian = magicBe == 0xfeedface || magicBe == 0xfeedfacf;
        boolean is64 = magicBe == 0xfeedfacf || magicBe == 0xcffaedfe;
        int headerSize = is64 ? 32 : 28;
        ByteBuffer h = ByteSource.view(src.read(0, headerSize, "Mach-O header"), bigEndian);
        long ncmds = Integer.toUnsignedLong(h.getInt(16));
        long sizeofcmds = Integer.toUnsignedLong(h.getInt(20));
        ByteBuffer cmds = ByteSource.view(src.read(headerSize, sizeofcmds, "Mach-O load commands"), bigEndian);
        int w = is64 ? 8 : 4;
        List<Section> sections = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        Segment dataStart = null;
        int pos = 0;
        for (long i = 0; i < ncmds; i++) {
            if (pos + 8 > sizeofcmds) {
                throw new IOException("Mach-O load command " + i + " lies beyond sizeofcmds " + sizeofcmds);
            }
            int cmd = cmds.getInt(pos);
            long cmdsize = Integer.toUnsignedLong(cmds.getInt(pos + 4));
            if (cmdsize < 8 || pos + cmdsize > sizeofcmds) {
                throw new IOException("Mach-O load command " + i + ": bad cmdsize " + cmdsize);
            }
            if (cmd == (is64 ? LC_SEGMENT_64 : LC_SEGMENT)) {
                int segHeader = is64 ? 72 : 56;
                int sectSize = is64 ? 80 : 68;
                if (cmdsize < segHeader) {
                    throw new IOException("Mach-O segment command " + i + " is truncated");
                }
                String segName = fixedString(cmds, pos + 8);
                long vmaddr = ByteSource.word(cmds, pos + 24, w, "Mach-O vmaddr");
                long fileoff = ByteSource.word(cmds, pos + 24 + 2 * w, w, "Mach-O fileoff");
                long filesize = ByteSource.word(cmds, pos + 24 + 3 * w, w, "Mach-O filesize");
                int maxprot = cmds.getInt(pos + 24 + 4 * w);
                int initprot = cmds.getInt(pos + 28 + 4 * w);
                long nsects = Integer.toUnsignedLong(cmds.getInt(pos + 32 + 4 * w));
                if (segHeader + nsects * sectSize > cmdsize) {
                    throw new IOException("Mach-O segment " + segName + ": " + nsects + " sections do not fit");
                }
                Segment seg = new Segment(vmaddr, fileoff, filesize);
                segments.add(seg);
                if (dataStart == null && vmaddr != 0 && filesize != 0 && initprot == VM_PROT_RW
                        && maxprot == VM_PROT_RW) {
                    dataStart = seg;
                }
                for (int s = 0; s < nsects; s++) {
                    int p = pos + segHeader + s * sectSize;
                    long addr = ByteSource.word(cmds, p + 32, w, "Mach-O section addr");
                    long size = ByteSource.word(cmds, p + 32 + w, w, "Mach-O section size");
                    long offset = Integer.toUnsignedLong(cmds.getInt(p + 32 + 2 * w));
                    sections.add(new Section(fixedString(cmds, p + 16), fixedString(cmds, p), addr, offset,
                            offset == 0 ? 0 : size)); // zero-fill sections have no file data
                }
            }
            pos += (int) cmdsize;
        }
        return new ExecutableLayout("Mach-O", bigEndian, w, List.copyOf(sections), List.copyOf(segments), dataStart);
    }

    /** A NUL-padded 16-byte name. */
    private static String fixedString(ByteBuffer b, int at) {
        byte[] raw = new byte[16];
        b.get(at, raw);
        return ByteSource.cString(raw, 0, 16);
    }
}
