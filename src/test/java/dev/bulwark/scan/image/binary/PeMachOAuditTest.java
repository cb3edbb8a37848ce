package dev.bulwark.scan.image.binary;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * cargo-auditable's section in PE ({@code .dep-v0}) and Mach-O ({@code __DATA,.dep-v0}) files, on minimal hand-built
 * files (no tool on this machine writes such sections into Windows or macOS binaries; the Go tests cover these
 * formats' real layouts).
 */
class PeMachOAuditTest {
    private static final String JSON = "{\"packages\":[{\"name\":\"app\",\"version\":\"1.0.0\",\"source\":\"local\","
            + "\"dependencies\":[1],\"root\":true},{\"name\":\"itoa\",\"version\":\"1.0.9\",\"source\":\"crates.io\"}]}";

    @Test
    void pe32PlusWithDepV0Section() throws IOException {
        assertReadsTheAuditData(pe(BinaryInspectorSyntheticTest.deflate(JSON), 0x20b));
    }

    @Test
    void pe32WithDepV0SectionAndUnknownOptionalHeader() throws IOException {
        byte[] data = BinaryInspectorSyntheticTest.deflate(JSON);
        assertReadsTheAuditData(pe(data, 0x10b));
        byte[] bad = pe(data, 0x999);
        assertThatThrownBy(() -> BinaryInspector.inspect(new BytesChannel(bad), bad.length))
                .hasMessageContaining("PE optional header: unknown magic 0x999");
    }

    @Test
    void machO64WithDataDepV0Section() throws IOException {
        assertReadsTheAuditData(machO(BinaryInspectorSyntheticTest.deflate(JSON), 1));
    }

    @Test
    void machOWhoseSectionsDoNotFitTheirCommandIsRefused() {
        byte[] m = machO(new byte[16], 1000);
        assertThatThrownBy(() -> BinaryInspector.inspect(new BytesChannel(m), m.length))
                .isInstanceOf(IOException.class).hasMessageContaining("__DATA: 1000 sections do not fit");
    }

    private static void assertReadsTheAuditData(byte[] file) throws IOException {
        assertThat(BinaryInspector.looksExecutable(file, file.length)).isTrue();
        BinaryInventory inv = BinaryInspector.inspect(new BytesChannel(file), file.length).orElseThrow();
        assertThat(inv.kind()).isEqualTo(BinaryInventory.RUST);
        assertThat(inv.main()).isEqualTo(new BinaryModule("app", "1.0.0"));
        assertThat(inv.modules()).containsExactly(new BinaryModule("itoa", "1.0.9"));
    }

    /** DOS stub pointing at a PE header, one optional header, one section {@code .dep-v0} at file offset 0x400. */
    private static byte[] pe(byte[] section, int optMagic) {
        int optSize = optMagic == 0x10b ? 224 : 240;
        ByteBuffer b = ByteBuffer.allocate(0x400 + section.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3c, 0x80);
        b.putInt(0x80, 0x00004550).putShort(0x84, (short) 0x8664).putShort(0x86, (short) 1)
                .putShort(0x80 + 20, (short) optSize);
        int opt = 0x80 + 24;
        b.putShort(opt, (short) optMagic);
        if (optMagic == 0x20b) {
            b.putLong(opt + 24, 0x140000000L);
        } else {
            b.putInt(opt + 28, 0x400000);
        }
        int sec = opt + optSize;
        b.put(sec, ".dep-v0".getBytes(StandardCharsets.US_ASCII));
        b.putInt(sec + 8, section.length).putInt(sec + 12, 0x1000).putInt(sec + 16, section.length)
                .putInt(sec + 20, 0x400).putInt(sec + 36, 0x40000040); // initialized data, read-only
        b.put(0x400, section);
        return b.array();
    }

    /** A thin 64-bit little-endian Mach-O with one __DATA segment holding {@code nsects} declared sections. */
    private static byte[] machO(byte[] section, int nsects) {
        int cmdsize = 72 + 80;
        ByteBuffer b = ByteBuffer.allocate(0x1000 + section.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0xfeedfacf).putInt(4, 0x01000007).putInt(12, 2).putInt(16, 1).putInt(20, cmdsize);
        int c = 32;
        b.putInt(c, 0x19).putInt(c + 4, cmdsize);
        b.put(c + 8, "__DATA".getBytes(StandardCharsets.US_ASCII));
        b.putLong(c + 24, 0x100004000L).putLong(c + 32, 0x4000).putLong(c + 40, 0x1000).putLong(c + 48, section.length)
                .putInt(c + 56, 3).putInt(c + 60, 3).putInt(c + 64, nsects);
        int s = c + 72;
        b.put(s, ".dep-v0".getBytes(StandardCharsets.US_ASCII));
        b.put(s + 16, "__DATA".getBytes(StandardCharsets.US_ASCII));
        b.putLong(s + 32, 0x100004000L).putLong(s + 40, section.length).putInt(s + 48, 0x1000);
        b.put(0x1000, section);
        return b.array();
    }
}
