package dev.bulwark.scan.image.binary;

import dev.bulwark.scan.image.binary.ExecutableLayout.Section;
import dev.bulwark.scan.image.binary.ExecutableLayout.Segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the section table of a PE32/PE32+ (Windows) executable. */
final class PeReader {
    private static final int SCN_CNT_INITIALIZED_DATA = 0x40;
    private static final int SCN_MEM_READ = 0x40000000;
    private static final int SCN_MEM_WRITE = 0x80000000;
    private static final int SCN_ALIGN_MASK = 0x00f00000;

    private PeReader() {
    }

    /** Empty when the file starts with "MZ" but is a plain DOS program (no PE header). */
    static Optional<ExecutableLayout> read(ByteSource src) throws IOException {
        if (src.size() < 0x40) {
            return Optional.empty();
        }
        long peOff = Integer.toUnsignedLong(ByteSource.view(src.read(0x3c, 4, "PE e_lfanew"), false).getInt(0));
        if (peOff + 24 > src.size()) {
            return Optional.empty();
        }
        ByteBuffer coff = ByteSource.view(src.read(peOff, 24, "PE/COFF header"), false);
        if (coff.getInt(0) != 0x00004550) { // "PE\0\0"
            return Optional.empty();
        }
        int nsections = Short.toUnsignedInt(coff.getShort(6));
        int optSize = Short.toUnsignedInt(coff.getShort(20));
        if (optSize < 2) {
            throw new IOException("PE optional header is missing (size " + optSize + ")");
        }
        ByteBuffer opt = ByteSource.view(src.read(peOff + 24, optSize, "PE optional header"), false);
        int magic = Short.toUnsignedInt(opt.getShort(0));
        long imageBase;
        int ptrSize;
        if (magic == 0x10b && optSize >= 32) {
            imageBase = Integer.toUnsignedLong(opt.getInt(28));
            ptrSize = 4;
        } else if (magic == 0x20b && optSize >= 32) {
            imageBase = ByteSource.word(opt, 24, 8, "PE ImageBase");
            ptrSize = 8;
        } else {
            throw new IOException("PE optional header: unknown magic 0x" + Integer.toHexString(magic));
        }
        ByteBuffer table = ByteSource.view(src.read(peOff + 24 + optSize, nsections * 40L, "PE section table"), false);
        List<Section> sections = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        Segment dataStart = null;
        for (int i = 0; i < nsections; i++) {
            int p = i * 40;
            byte[] rawName = new byte[8];
            table.get(p, rawName);
            String name = ByteSource.cString(rawName, 0, 8);
            long virtualSize = Integer.toUnsignedLong(table.getInt(p + 8));
            long va = imageBase + Integer.toUnsignedLong(table.getInt(p + 12));
            long rawSize = Integer.toUnsignedLong(table.getInt(p + 16));
            long rawOff = Integer.toUnsignedLong(table.getInt(p + 20));
            int characteristics = table.getInt(p + 36);
            // Raw data is padded to the file alignment; only the virtual size is real content.
            long size = virtualSize == 0 ? rawSize : Math.min(rawSize, virtualSize);
            sections.add(new Section("", name, va, rawOff, size));
            Segment seg = new Segment(va, rawOff, size);
            segments.add(seg);
            if (dataStart == null && virtualSize != 0 && (characteristics & ~SCN_ALIGN_MASK)
                    == (SCN_CNT_INITIALIZED_DATA | SCN_MEM_READ | SCN_MEM_WRITE)) {
                dataStart = seg;
            }
        }
        return Optional.of(new ExecutableLayout("PE", false, ptrSize, List.copyOf(sections), List.copyOf(segments),
                dataStart));
    }
}
