package dev.bulwark.scan.image.binary;

import dev.bulwark.scan.image.binary.TinyElf.Sec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decoders on small hand-built ELF files: both Go formats, all word sizes and byte orders, and corrupt input. */
class BinaryInspectorSyntheticTest {
    private static final String MOD = GoBlob.framed("path\tex.com/cmd\nmod\tex.com\tv1.0.0\t\ndep\tdep.com/x\tv0.3.0\th1:x=");
    private static final long BLOB_AT = TinyElf.BASE + TinyElf.FIRST;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "pointer format, ELF{0}, bigEndian={1}, section headers={2}")
    @CsvSource({"32,false,true", "32,true,true", "64,false,true", "64,true,true", "64,true,false", "32,false,false"})
    void pointerBasedBuildInfo(int bits, boolean bigEndian, boolean sectionHeaders) throws IOException {
        int ptr = bits / 8;
        byte[] blob = GoBlob.pointer(ptr, bigEndian, BLOB_AT, "go1.16.3", MOD);
        byte[] elf = TinyElf.build(bits == 64, bigEndian, sectionHeaders, new Sec(".go.buildinfo", blob));
        BinaryInventory inv = inspect(elf).orElseThrow();
        assertThat(inv.toolchain()).isEqualTo("go1.16.3");
        assertThat(inv.main()).isEqualTo(new BinaryModule("ex.com", "v1.0.0"));
        assertThat(inv.modules()).containsExactly(new BinaryModule("dep.com/x", "v0.3.0"));
    }

    @ParameterizedTest(name = "inline format, ELF{0}, bigEndian={1}, section headers={2}")
    @CsvSource({"64,false,true", "32,true,true", "64,false,false"})
    void inlineBuildInfo(int bits, boolean bigEndian, boolean sectionHeaders) throws IOException {
        byte[] elf = TinyElf.build(bits == 64, bigEndian, sectionHeaders,
                new Sec(".go.buildinfo", GoBlob.inline("go1.22.1 X:boringcrypto", MOD)));
        BinaryInventory inv = inspect(elf).orElseThrow();
        assertThat(inv.toolchain()).isEqualTo("go1.22.1 X:boringcrypto");
        assertThat(inv.modules()).containsExactly(new BinaryModule("dep.com/x", "v0.3.0"));
    }

    @Test
    void magicIsFoundOnlyAtSixteenByteAlignmentInTheDataSegment() throws IOException {
        // No section headers: the reader scans the writable segment. A misaligned copy of the magic comes first.
        byte[] decoy = new byte[48];
        System.arraycopy(GoBuildInfo.MAGIC, 0, decoy, 3, 14);
        byte[] blob = GoBlob.inline("go1.20", MOD);
        byte[] elf = TinyElf.build(true, false, false, new Sec("decoy", decoy), new Sec("blob", blob));
        assertThat(inspect(elf).orElseThrow().toolchain()).isEqualTo("go1.20");
    }

    @Test
    void dataSegmentOfAnElfWithoutGoSectionsIsNotScanned() throws IOException {
        byte[] blob = GoBlob.inline("go1.20", MOD);
        // A section table without any Go section: a C library that happens to hold the magic is not Go.
        assertThat(inspect(TinyElf.build(true, false, true, new Sec(".data", blob)))).isEmpty();
        // With Go's pclntab present (build info section renamed or lost), the data segment is scanned.
        assertThat(inspect(TinyElf.build(true, false, true, new Sec(".gopclntab", new byte[32]), new Sec(".data", blob))))
                .isPresent();
    }

    @Test
    void binariesWithoutBuildInfoOrAuditDataAreEmpty() throws IOException {
        assertThat(inspect(TinyElf.build(true, false, true, new Sec(".data", new byte[64])))).isEmpty();
        // Build info with an empty version is not Go's (Go itself treats it as "not a Go executable").
        assertThat(inspect(TinyElf.build(true, false, true, new Sec(".go.buildinfo", GoBlob.inline("", MOD)))))
                .isEmpty();
        assertThat(inspect("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(inspect("MZ but no PE header follows, just text padding the file......".getBytes(
                StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void moduleInfoWithoutSentinelsMeansNoModules() throws IOException {
        byte[] elf = TinyElf.build(true, false, true, new Sec(".go.buildinfo", GoBlob.inline("go1.12", "garbage")));
        BinaryInventory inv = inspect(elf).orElseThrow();
        assertThat(inv.main()).isNull();
        assertThat(inv.modules()).isEmpty();
    }

    @Test
    void looksExecutableRecognisesTheThreeFormatsOnly() {
        assertThat(BinaryInspector.looksExecutable(new byte[] {0x7f, 'E', 'L', 'F', 2}, 5)).isTrue();
        assertThat(BinaryInspector.looksExecutable(new byte[] {'M', 'Z'}, 2)).isTrue();
        assertThat(BinaryInspector.looksExecutable(new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe}, 4))
                .isTrue();
        assertThat(BinaryInspector.looksExecutable(new byte[] {(byte) 0xfe, (byte) 0xed, (byte) 0xfa, (byte) 0xce}, 4))
                .isTrue();
        assertThat(BinaryInspector.looksExecutable(new byte[] {0x7f, 'E', 'L', 'F'}, 3)).isFalse();
        assertThat(BinaryInspector.looksExecutable(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe}, 4))
                .as("Java class files / fat Mach-O").isFalse();
        assertThat(BinaryInspector.looksExecutable("#!/bin/sh".getBytes(StandardCharsets.US_ASCII), 9)).isFalse();
        assertThat(BinaryInspector.looksExecutable(new byte[0], 0)).isFalse();
    }

    // ---- corrupt input: a clear IOException, never an OOM or a hang ----

    @Test
    void truncatedElfIsRefused() throws IOException {
        byte[] elf = TinyElf.build(true, false, true, new Sec(".go.buildinfo", GoBlob.inline("go1.20", MOD)));
        assertThatThrownBy(() -> inspect(Arrays.copyOf(elf, 40))).isInstanceOf(IOException.class)
                .hasMessageContaining("ELF header").hasMessageContaining("outside the file");
        assertThatThrownBy(() -> inspect(Arrays.copyOf(elf, elf.length - 10))).isInstanceOf(IOException.class)
                .hasMessageContaining("ELF section headers");
    }

    @Test
    void bogusSectionOffsetIsRefused() throws IOException {
        byte[] elf = TinyElf.build(true, false, true, new Sec(".dep-v0", deflate("{\"packages\":[]}")));
        int sh = TinyElf.sectionHeaderOffset(elf, true, false, 1);
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putLong(sh + 24, 0x7fff_ffff_0000L);
        assertThatThrownBy(() -> inspect(elf)).isInstanceOf(IOException.class)
                .hasMessageContaining(".dep-v0 section").hasMessageContaining("outside the file");
    }

    @Test
    void absurdSectionTableIsRefusedBeforeAllocating() throws IOException {
        byte[] elf = TinyElf.build(true, false, true, new Sec(".go.buildinfo", GoBlob.inline("go1.20", MOD)));
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putShort(58, (short) 0xffff); // e_shentsize
        assertThatThrownBy(() -> inspect(elf)).isInstanceOf(IOException.class)
                .hasMessageContaining("ELF section headers");
    }

    @Test
    void absurdInlineStringLengthIsRefused() throws IOException {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        blob.writeBytes(GoBlob.header(8, 2));
        blob.writeBytes(GoBlob.varint(6));
        blob.writeBytes("go1.20".getBytes(StandardCharsets.US_ASCII));
        blob.writeBytes(GoBlob.varint(1L << 40));
        byte[] elf = TinyElf.build(true, false, true, new Sec(".go.buildinfo", blob.toByteArray()));
        assertThatThrownBy(() -> inspect(elf)).isInstanceOf(IOException.class)
                .hasMessageContaining("Go module info").hasMessageContaining("absurd length 1099511627776");
    }

    @Test
    void absurdOrUnmappedPointerStringsAreRefused() throws IOException {
        byte[] blob = GoBlob.pointer(8, false, BLOB_AT, "go1.16.3", MOD);
        // The module string header's length field (at 32 + 3 * 8) claims 2^40 bytes.
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putLong(32 + 24, 1L << 40);
        byte[] elf = TinyElf.build(true, false, true, new Sec(".go.buildinfo", blob));
        assertThatThrownBy(() -> inspect(elf)).isInstanceOf(IOException.class)
                .hasMessageContaining("Go module info: absurd length");

        byte[] blob2 = GoBlob.pointer(4, true, BLOB_AT, "go1.16.3", MOD);
        ByteBuffer.wrap(blob2).putInt(16, 0x10); // version pointer far below the only segment
        byte[] elf2 = TinyElf.build(false, true, true, new Sec(".go.buildinfo", blob2));
        assertThatThrownBy(() -> inspect(elf2)).isInstanceOf(IOException.class)
                .hasMessageContaining("Go version string header").hasMessageContaining("not mapped");
    }

    @Test
    void zlibBombInAuditDataIsRefused() throws IOException {
        // 24 MiB of zeros compress to ~24 KiB; the reader must stop at its 8 MiB cap.
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, new Deflater(9))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 24; i++) {
                z.write(zeros);
            }
        }
        byte[] elf = TinyElf.build(true, false, true, new Sec(".dep-v0", compressed.toByteArray()));
        assertThatThrownBy(() -> inspect(elf)).isInstanceOf(IOException.class)
                .hasMessageContaining(".dep-v0").hasMessageContaining("decompression bomb");
    }

    @Test
    void corruptAuditDataIsRefusedWithTheReason() throws IOException {
        byte[] full = deflate("{\"packages\":[{\"name\":\"a\",\"version\":\"1.0.0\",\"root\":true}]}");
        assertThatThrownBy(() -> inspect(TinyElf.build(true, false, true,
                new Sec(".dep-v0", Arrays.copyOf(full, full.length / 2))))).hasMessageContaining("truncated");
        assertThatThrownBy(() -> inspect(TinyElf.build(true, false, true,
                new Sec(".dep-v0", "not zlib at all".getBytes(StandardCharsets.US_ASCII)))))
                .hasMessageContaining("not valid zlib");
        assertThatThrownBy(() -> inspect(TinyElf.build(true, false, true, new Sec(".dep-v0", deflate("{\"packages\":")))))
                .hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> inspect(TinyElf.build(true, false, true, new Sec(".dep-v0", deflate("[1,2]")))))
                .hasMessageContaining("no \"packages\" array");
        assertThatThrownBy(() -> inspect(TinyElf.build(true, false, true,
                new Sec(".dep-v0", deflate("{\"packages\":[{\"name\":\"a\"}]}")))))
                .hasMessageContaining("packages[0].version");
    }

    @Test
    void auditDataRootIsMainAndBuildOnlyPackagesAreLeftOut() throws IOException {
        String json = """
                {"packages":[
                 {"name":"cc","version":"1.0.83","source":"crates.io","kind":"build"},
                 {"name":"libc","version":"0.2.150","source":"crates.io"},
                 {"name":"mytool","version":"0.4.0","source":"local","dependencies":[0,1,3],"root":true},
                 {"name":"serde","version":"1.0.193","source":"crates.io","kind":"runtime"}
                ]}""";
        BinaryInventory inv = inspect(TinyElf.build(false, true, true, new Sec(".dep-v0", deflate(json)))).orElseThrow();
        assertThat(inv.kind()).isEqualTo("rust");
        assertThat(inv.toolchain()).isNull();
        assertThat(inv.main()).isEqualTo(new BinaryModule("mytool", "0.4.0"));
        assertThat(inv.modules()).containsExactly(new BinaryModule("libc", "0.2.150"),
                new BinaryModule("serde", "1.0.193"));
    }

    static byte[] deflate(String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private Optional<BinaryInventory> inspect(byte[] content) throws IOException {
        Path f = Files.write(dir.resolve("bin-" + System.nanoTime()), content);
        try (SeekableByteChannel ch = Files.newByteChannel(f)) {
            return BinaryInspector.inspect(ch, ch.size());
        }
    }
}
