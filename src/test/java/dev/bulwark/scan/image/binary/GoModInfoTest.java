package dev.bulwark.scan.image.binary;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoModInfoTest {

    @Test
    void readsPathModDepsAndIgnoresBuildSettings() throws IOException {
        String text = """
                path\texample.com/cmd/tool
                mod\texample.com\tv1.4.0\th1:abc=
                dep\tgolang.org/x/sys\tv0.1.0\th1:def=
                dep\tgithub.com/a/b\tv2.0.0+incompatible
                build\t-compiler=gc
                build\tvcs.revision=0123
                """;
        BinaryInventory inv = GoModInfo.parse("go1.21.5", text);
        assertThat(inv.kind()).isEqualTo("go");
        assertThat(inv.toolchain()).isEqualTo("go1.21.5");
        assertThat(inv.main()).isEqualTo(new BinaryModule("example.com", "v1.4.0"));
        assertThat(inv.modules()).containsExactly(new BinaryModule("golang.org/x/sys", "v0.1.0"),
                new BinaryModule("github.com/a/b", "v2.0.0+incompatible"));
    }

    @Test
    void replacementTakesThePlaceOfTheModuleBeforeIt() throws IOException {
        String text = """
                path\texample.com/cmd
                mod\texample.com\t(devel)\t
                dep\tgithub.com/orig/lib\tv1.0.0\th1:x=
                =>\tgithub.com/fork/lib\tv1.0.1-fix\th1:y=
                dep\tgithub.com/other\tv0.2.0\th1:z=
                dep\texample.com/local\tv1.2.3
                =>\t../local\t(devel)\t
                """;
        BinaryInventory inv = GoModInfo.parse("go1.22.0", text);
        assertThat(inv.main()).isEqualTo(new BinaryModule("example.com", "(devel)"));
        assertThat(inv.modules()).containsExactly(new BinaryModule("github.com/fork/lib", "v1.0.1-fix"),
                new BinaryModule("github.com/other", "v0.2.0"), new BinaryModule("../local", "(devel)"));
    }

    @Test
    void replacementOfTheMainModuleAndEmptyReplacementPath() throws IOException {
        BinaryInventory inv = GoModInfo.parse("go1.20", "mod\ta\tv1\n=>\tb\tv2\t\ndep\tc\tv3\n=>\t\t\t\n");
        assertThat(inv.main()).isEqualTo(new BinaryModule("b", "v2"));
        // An empty replacement path is not a module: keep the original (as osv-scanner does).
        assertThat(inv.modules()).containsExactly(new BinaryModule("c", "v3"));
    }

    @Test
    void programBuiltOutsideAModuleHasNoMainModule() throws IOException {
        BinaryInventory inv = GoModInfo.parse("go1.19", "path\tcommand-line-arguments\nbuild\t-compiler=gc\n");
        assertThat(inv.main()).isNull();
        assertThat(inv.modules()).isEmpty();
        assertThat(GoModInfo.parse("go1.10", "").main()).isNull();
    }

    @Test
    void malformedLinesAreRefusedWithTheirLineNumber() {
        assertThatThrownBy(() -> GoModInfo.parse("go1.20", "path\tx\ndep\tonly-path\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2").hasMessageContaining("2 or 3 columns");
        assertThatThrownBy(() -> GoModInfo.parse("go1.20", "=>\ta\tv1\t\n"))
                .hasMessageContaining("line 1").hasMessageContaining("no module before it");
        assertThatThrownBy(() -> GoModInfo.parse("go1.20", "dep\ta\tv1\n=>\tb\tv2\n"))
                .hasMessageContaining("line 2").hasMessageContaining("3 columns");
        assertThatThrownBy(() -> GoModInfo.parse("go1.20", "dep\t\tv1\n"))
                .hasMessageContaining("empty module path");
        // Two replacements in a row: the second has no module to replace.
        assertThatThrownBy(() -> GoModInfo.parse("go1.20", "dep\ta\tv1\n=>\tb\tv2\t\n=>\tc\tv3\t\n"))
                .hasMessageContaining("line 3");
    }

    @Test
    void sentinelsAreStrippedOnlyWhenTheFramingIsThere() {
        assertThat(GoBuildInfo.stripSentinels(GoBlob.framed("path\tx"))).isEqualTo("path\tx\n");
        assertThat(GoBuildInfo.stripSentinels("path\tx")).isEmpty();
        assertThat(GoBuildInfo.stripSentinels("0123456789abcdef" + "no newline before the end sentinel!"))
                .isEmpty();
    }

    @Test
    void uvarintDecodesLeb128AndRefusesOverflowAndTruncation() throws IOException {
        assertThat(GoBuildInfo.uvarint(new byte[] {0x05}, 0, "v")).containsExactly(5, 1);
        assertThat(GoBuildInfo.uvarint(new byte[] {(byte) 0xac, 0x02}, 0, "v")).containsExactly(300, 2);
        assertThat(GoBuildInfo.uvarint(new byte[] {9, (byte) 0x80, 0x01}, 1, "v")).containsExactly(128, 2);
        byte[] max = GoBlob.varint(Long.MAX_VALUE);
        assertThat(GoBuildInfo.uvarint(max, 0, "v")).containsExactly(Long.MAX_VALUE, 9);
        byte[] tooBig = {-1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01};
        assertThatThrownBy(() -> GoBuildInfo.uvarint(tooBig, 0, "Go version string"))
                .hasMessageContaining("Go version string").hasMessageContaining("overflows");
        assertThatThrownBy(() -> GoBuildInfo.uvarint(new byte[] {(byte) 0x80, (byte) 0x80}, 0, "v"))
                .hasMessageContaining("truncated varint");
        for (long v : new long[] {0, 1, 127, 128, 16_383, 16_384, 1L << 35}) {
            assertThat(GoBuildInfo.uvarint(GoBlob.varint(v), 0, "v")[0]).isEqualTo(v);
        }
    }

    @Test
    void stdlibVersionIsTheToolchainAsASemanticVersion() {
        assertThat(inv("go1.21.5").stdlibVersion()).isEqualTo("1.21.5");
        assertThat(inv("go1.20").stdlibVersion()).isEqualTo("1.20.0");
        assertThat(inv("go1.21rc2").stdlibVersion()).isEqualTo("1.21.0-rc.2");
        assertThat(inv("go1.18beta1").stdlibVersion()).isEqualTo("1.18.0-beta.1");
        assertThat(inv("go1.22.1 X:boringcrypto").stdlibVersion()).isEqualTo("1.22.1");
        assertThat(inv("devel go1.23-abc123 Tue Jan 2").stdlibVersion()).isNull();
        assertThat(inv(null).stdlibVersion()).isNull();
        assertThat(new BinaryInventory("rust", "go1.2.3", null, java.util.List.of()).stdlibVersion()).isNull();
    }

    private static BinaryInventory inv(String toolchain) {
        return new BinaryInventory("go", toolchain, null, java.util.List.of());
    }
}
