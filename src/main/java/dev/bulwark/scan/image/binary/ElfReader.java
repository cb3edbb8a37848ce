package dev.bulwark.scan.image.binary;

import dev.bulwark.scan.image.binary.ExecutableLayout.Section;
import dev.bulwark.scan.image.binary.ExecutableLayout.Segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads the section and program header tables of an ELF32/ELF64 file in either byte order. */
final class ElfReader {
    private static final int PT_LOAD = 1;
    private static final int PF_X = 1;
    private static final int PF_W = 2;
    private static final int SHT_NOBITS = 8;
    /** Section-name string tables of real binaries are a few hundred bytes. */
    private static final int MAX_SHSTRTAB = 1 << 20;

    private ElfReader() {
    }

    static ExecutableLayout read(ByteSource src) throws IOException {
        byte[] ident = src.read(0, 16, "ELF identification");
        boolean is64 = switch (ident[4]) {
            case 1 -> false;
            case 2 -> true;
            default -> throw new IOException("ELF header: unknown class " + ident[4]);
        };
        boolean bigEndian = switch (ident[5]) {
            case 1 -> false;
            case 2 -> true;
            default -> throw new IOException("ELF header: unknown data encoding " + ident[5]);
        };
        int w = is64 ? 8 : 4;
        ByteBuffer h = ByteSource.view(src.read(0, is64 ? 64 : 52, "ELF header"), bigEndian);
        long phoff = ByteSource.word(h, is64 ? 32 : 28, w, "ELF e_phoff");
        long shoff = ByteSource.word(h, is64 ? 40 : 32, w, "ELF e_shoff");
        int base = is64 ? 54 : 42;
        int phentsize = Short.toUnsignedInt(h.getShort(base));
        int phnum = Short.toUnsignedInt(h.getShort(base + 2));
        int shentsize = Short.toUnsignedInt(h.getShort(base + 4));
        int shnum = Short.toUnsignedInt(h.getShort(base + 6));
        int shstrndx = Short.toUnsignedInt(h.getShort(base + 8));

        List<Segment> segments = new ArrayList<>();
        Segment dataStart = null;
        if (phoff != 0 && phnum != 0) {
            int need = is64 ? 56 : 32;
            if (phentsize < need) {
                throw new IOException("ELF e_phentsize " + phentsize + " is smaller than a program header (" + need + ")");
            }
            ByteBuffer ph = ByteSource.view(src.read(phoff, (long) phnum * phentsize, "ELF program headers"), bigEndian);
            for (int i = 0; i < phnum; i++) {
                int p = i * phentsize;
                if (ph.getInt(p) != PT_LOAD) {
                    continue;
                }
                long off = ByteSource.word(ph, p + (is64 ? 8 : 4), w, "ELF p_offset");
                long vaddr = ByteSource.word(ph, p + (is64 ? 16 : 8), w, "ELF p_vaddr");
                long filesz = ByteSource.word(ph, p + (is64 ? 32 : 16), w, "ELF p_filesz");
                int flags = ph.getInt(p + (is64 ? 4 : 24));
                Segment s = new Segment(vaddr, off, filesz);
                segments.add(s);
                if (dataStart == null && (flags & (PF_X | PF_W)) == PF_W) {
                    dataStart = s;
                }
            }
        }

        List<Section> sections = new ArrayList<>();
        if (shoff != 0) {
            int need = is64 ? 64 : 40;
            if (shentsize < need) {
                throw new IOException("ELF e_shentsize " + shentsize + " is smaller than a section header (" + need + ")");
            }
            if (shnum == 0 || shstrndx == 0xffff) {
                // Extended numbering: the real count / string-table index live in section header 0.
                ByteBuffer s0 = ByteSource.view(src.read(shoff, need, "ELF section header 0"), bigEndian);
                if (shnum == 0) {
                    long n = ByteSource.word(s0, is64 ? 32 : 20, w, "ELF section count");
                    if (n > 1_000_000) {
                        throw new IOException("ELF section count " + n + " is absurd");
                    }
                    shnum = (int) n;
                }
                if (shstrndx == 0xffff) {
                    shstrndx = s0.getInt(is64 ? 40 : 24);
                }
            }
            ByteBuffer sh = ByteSource.view(src.read(shoff, (long) shnum * shentsize, "ELF section headers"), bigEndian);
            byte[] names = new byte[0];
            if (shstrndx > 0 && shstrndx < shnum) {
                int p = shstrndx * shentsize;
                long off = ByteSource.word(sh, p + (is64 ? 24 : 16), w, "ELF .shstrtab offset");
                long size = ByteSource.word(sh, p + (is64 ? 32 : 20), w, "ELF .shstrtab size");
                if (size > MAX_SHSTRTAB) {
                    throw new IOException("ELF section name table: absurd size " + size + " bytes");
                }
                names = src.read(off, size, "ELF section name table");
            }
            for (int i = 1; i < shnum; i++) {
                int p = i * shentsize;
                int type = sh.getInt(p + 4);
                long addr = ByteSource.word(sh, p + (is64 ? 16 : 12), w, "ELF sh_addr");
                long off = ByteSource.word(sh, p + (is64 ? 24 : 16), w, "ELF sh_offset");
                long size = type == SHT_NOBITS ? 0 : ByteSource.word(sh, p + (is64 ? 32 : 20), w, "ELF sh_size");
                sections.add(new Section("", ByteSource.cString(names, sh.getInt(p), Integer.MAX_VALUE), addr, off, size));
            }
        }
        if (segments.isEmpty()) {
            // No program headers (e.g. an object file): let allocated sections map addresses instead.
            sections.stream().filter(s -> s.addr() != 0 && s.size() != 0)
                    .forEach(s -> segments.add(new Segment(s.addr(), s.offset(), s.size())));
        }
        if (segments.isEmpty() && sections.isEmpty()) {
            throw new IOException("ELF file has neither program headers nor section headers");
        }
        return new ExecutableLayout("ELF", bigEndian, w, List.copyOf(sections), List.copyOf(segments), dataStart);
    }
}
