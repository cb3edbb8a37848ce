package dev.bulwark.scan.image.binary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Go binaries, each checked against {@code go version -m} (Debian's golang-go) as the independent reader:
 * releases from the npm registry built by their authors with Go 1.16/1.17 (pointer-based build info) and newer
 * (inline), for ELF32, ELF64 little/big endian, PE32, PE32+ and Mach-O; and programs built here with the
 * machine's Go for the formats npm lacks, including a module replaced by a local directory.
 */
class GoBinariesRealTest {

    @ParameterizedTest(name = "{0} {1} ({2})")
    @CsvSource({
            "esbuild-linux-64@0.11.23,    bin/esbuild,    go1.16.3, pointer-based ELF64 LE",
            "esbuild-linux-32@0.13.15,    bin/esbuild,    go1.17.2, pointer-based ELF32 LE",
            "esbuild-linux-s390x@0.14.8,  bin/esbuild,    go1.17.5, pointer-based ELF64 BE (s390x)",
            "esbuild-windows-64@0.13.15,  esbuild.exe,    go1.17.2, pointer-based PE32+",
            "esbuild-windows-32@0.13.15,  esbuild.exe,    go1.17.2, pointer-based PE32",
            "esbuild-darwin-64@0.13.15,   bin/esbuild,    go1.17.2, pointer-based Mach-O 64",
            "esbuild-linux-s390x@0.14.54, bin/esbuild,    go1.19,   inline ELF64 BE (s390x)",
            "lefthook-linux-x64@2.2.4,    bin/lefthook,   go1.27.4, inline ELF64 LE with many dependencies",
    })
    void npmReleaseMatchesGoVersionM(String spec, String file, String toolchain, String what) throws Exception {
        Path bin = RealBinaries.npmFile(spec, file);
        BinaryInventory expected = RealBinaries.goVersionM(bin);
        BinaryInventory actual = inspect(bin).orElseThrow(() -> new AssertionError(what + ": no build info found"));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.toolchain()).isEqualTo(toolchain);
        assertThat(actual.main()).isNotNull();
    }

    /**
     * Go programs Debian ships (installed by .ci/run with golang-go and docker.io): built in GOPATH mode, so they
     * name their main package but no module; docker is a PIE linked by the external linker.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/usr/lib/go/bin/gofmt", "/usr/bin/docker", "/usr/bin/containerd", "/usr/sbin/runc"})
    void debianBuiltGoProgramMatchesGoVersionM(String file) throws Exception {
        Path bin = Path.of(file);
        if (!Files.isRegularFile(bin)) {
            dev.bulwark.testsupport.Requirements.missing(file + " is not installed (apt-get install golang-go docker.io)");
        }
        BinaryInventory expected = RealBinaries.goVersionM(bin);
        BinaryInventory actual = inspect(bin).orElseThrow();
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.toolchain()).startsWith("go1.");
        assertThat(actual.stdlibVersion()).isNotNull();
    }

    @Test
    void manyDependenciesAreAllRead() throws Exception {
        BinaryInventory inv = inspect(RealBinaries.npmFile("lefthook-linux-x64@2.2.4", "bin/lefthook")).orElseThrow();
        assertThat(inv.main()).isEqualTo(new BinaryModule("github.com/evilmartians/lefthook/v2", "v2.2.4"));
        assertThat(inv.modules()).hasSizeGreaterThan(30)
                .allSatisfy(m -> assertThat(m.version()).startsWith("v"));
    }

    @Test
    void goBinaryStrippedOfBuildInfoIsEmpty() throws Exception {
        // Recent esbuild releases remove the build info blob: go version -m says "not a Go executable" too.
        Path bin = RealBinaries.npmFile("@esbuild/linux-x64@0.28.2", "bin/esbuild");
        assertThat(RealBinaries.run(Path.of("."), java.util.Map.of(), 60, RealBinaries.go(), "version", "-m",
                bin.toString()).out()).contains("not a Go executable");
        assertThat(inspect(bin)).isEmpty();
    }

    @ParameterizedTest(name = "go build {0}/{1}")
    @CsvSource({"linux, amd64", "linux, mips", "windows, 386", "darwin, arm64"})
    void locallyBuiltProgramMatchesGoVersionM(String goos, String goarch) throws Exception {
        Path bin = RealBinaries.goBuildHello(goos, goarch);
        BinaryInventory expected = RealBinaries.goVersionM(bin);
        BinaryInventory actual = inspect(bin).orElseThrow();
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.main()).isEqualTo(new BinaryModule("example.com/hello", "(devel)"));
        // example.com/lib v1.2.3 => ./lib: the replacement is what is compiled in.
        assertThat(actual.modules()).containsExactly(new BinaryModule("./lib", "(devel)"));
    }

    @Test
    void nonGoExecutableIsEmpty() throws Exception {
        Path sh = Path.of("/bin/sh").toRealPath();
        assertThat(BinaryInspector.looksExecutable(Files.readAllBytes(sh), 4)).isTrue();
        assertThat(inspect(sh)).isEmpty();
    }

    static Optional<BinaryInventory> inspect(Path bin) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(bin)) {
            return BinaryInspector.inspect(ch, ch.size());
        }
    }
}
