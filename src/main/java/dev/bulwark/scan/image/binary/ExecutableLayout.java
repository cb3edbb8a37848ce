package dev.bulwark.scan.image.binary;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an ELF, PE or Mach-O file that the build-info readers need: named sections with their file extent,
 * and the segments that map virtual addresses to file offsets (Go's pre-1.18 build info stores pointers).
 *
 * @param format    "ELF", "PE" or "Mach-O" (for messages)
 * @param bigEndian byte order of the file
 * @param ptrSize   4 or 8
 * @param sections  named sections; {@code segment} is the containing segment's name (Mach-O) or empty
 * @param segments  address mappings in file order
 * @param dataStart where Go looks for build info when no dedicated section exists: the first writable data
 *                  mapping, or {@code null}
 */
record ExecutableLayout(String format, boolean bigEndian, int ptrSize, List<Section> sections, List<Segment> segments,
                        Segment dataStart) {

    /** A named section: {@code size} bytes of file data at {@code offset}, loaded at {@code addr}. */
    record Section(String segment, String name, long addr, long offset, long size) {
    }

    /** {@code fileSize} bytes at file {@code offset} are mapped at virtual address {@code vaddr}. */
    record Segment(long vaddr, long offset, long fileSize) {
        boolean contains(long addr, long len) {
            return addr >= vaddr && len <= fileSize && addr - vaddr <= fileSize - len;
        }
    }

    /** Reads the layout, or empty when the file is none of the three formats. */
    static Optional<ExecutableLayout> read(ByteSource src) throws IOException {
        byte[] head = src.readUpTo(0, 64, "file header");
        return switch (Magic.of(head, head.length)) {
            case ELF -> Optional.of(ElfReader.read(src));
            case PE -> PeReader.read(src);
            case MACHO -> Optional.of(MachOReader.read(src));
            case NONE -> Optional.empty();
        };
    }

    /** The first section called {@code name} (within {@code segment} when not null). */
    Optional<Section> section(String segment, String name) {
        return sections.stream()
                .filter(s -> s.name().equals(name) && (segment == null || s.segment().equals(segment)))
                .findFirst();
    }

    /** Reads {@code len} bytes at virtual address {@code addr}, which must lie within one segment's file data. */
    byte[] readVirtual(ByteSource src, long addr, long len, String what) throws IOException {
        for (Segment s : segments) {
            if (s.contains(addr, len)) {
                return src.read(s.offset() + (addr - s.vaddr()), len, what);
            }
        }
        throw new IOException(what + ": address 0x" + Long.toHexString(addr) + " (+" + len
                + " bytes) is not mapped by any " + format + " segment");
    }

    /** The file formats we recognise by their first bytes. */
    enum Magic {
        ELF, PE, MACHO, NONE;

        static Magic of(byte[] h, int len) {
            if (len >= 4 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') {
                return ELF;
            }
            if (len >= 2 && h[0] == 'M' && h[1] == 'Z') {
                return PE;
            }
            if (len >= 4) {
                int be = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
                // 32/64-bit Mach-O in either byte order. Universal ("fat") files start with 0xcafebabe, which Java
                // class files share; they are not read (see package docs).
                if (be == 0xfeedface || be == 0xfeedfacf || be == 0xcefaedfe || be == 0xcffaedfe) {
                    return MACHO;
                }
            }
            return NONE;
        }
    }
}
