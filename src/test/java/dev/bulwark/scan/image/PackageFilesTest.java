package dev.bulwark.scan.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.image.binary.BinaryInventory;
import dev.bulwark.scan.image.binary.BinaryModule;
import dev.bulwark.scan.model.Ecosystem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Record-file parsing and path rules that the real-image tests do not reach (pure logic). */
class PackageFilesTest {

    @Test
    void dpkgSkipsPackagesThatAreNotInstalledAndKeysBySource() {
        String status = """
                Package: libfoo1
                Status: deinstall ok config-files
                Version: 1.0-1

                Package: bash
                Status: install ok installed
                Source: bash (5.2.15-2)
                Version: 5.2.15-2+b8
                Description: GNU Bourne Again SHell
                 Bash is an sh-compatible command language interpreter.

                Package: util-linux
                Status: install ok installed
                Version: 2.38.1-5+deb12u3
                """;
        assertThat(PackageFiles.dpkg(status, "var/lib/dpkg/status")).containsExactly(
                new RawPackage(Ecosystem.DEBIAN, "bash", "5.2.15-2", "bash 5.2.15-2+b8", "var/lib/dpkg/status"),
                new RawPackage(Ecosystem.DEBIAN, "util-linux", "2.38.1-5+deb12u3", "util-linux 2.38.1-5+deb12u3",
                        "var/lib/dpkg/status"));
    }

    @Test
    void dpkgStatusBytesReadLikeTheDecodedText() throws Exception {
        // The byte path reads the status as Latin-1 for speed and decodes only the values it keeps: it must agree
        // with reading the UTF-8 text, for this machine's real status file and for non-ASCII values.
        java.nio.file.Path real = java.nio.file.Path.of("/var/lib/dpkg/status");
        if (java.nio.file.Files.isRegularFile(real)) {
            byte[] bytes = java.nio.file.Files.readAllBytes(real);
            assertThat(PackageFiles.read(PackageFiles.Kind.DPKG, "var/lib/dpkg/status", bytes))
                    .isNotEmpty()
                    .isEqualTo(PackageFiles.dpkg(new String(bytes, StandardCharsets.UTF_8), "var/lib/dpkg/status"));
        }
        String status = """
                Package: zlib1g
                Status: install ok installed
                Maintainer: Mark Brown <broonie@debian.org>, Ondřej Surý
                Source: zlib (1:1.2.13.dfsg-1ü)
                Version: 1:1.2.13.dfsg-1
                Description: compression library – runtime
                """;
        assertThat(PackageFiles.read(PackageFiles.Kind.DPKG, "s", status.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new RawPackage(Ecosystem.DEBIAN, "zlib", "1:1.2.13.dfsg-1ü", "zlib1g 1:1.2.13.dfsg-1",
                        "s"));
        assertThat(PackageFiles.read(PackageFiles.Kind.APK, "i", "P:ça\nV:1-r0\no:ça-src\n"
                .getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new RawPackage(Ecosystem.ALPINE, "ça-src", "1-r0", "ça 1-r0", "i"));
    }

    @Test
    void apkKeysByOrigin() {
        String installed = """
                C:Q1abc=
                P:libcrypto3
                V:3.1.4-r5
                A:x86_64
                o:openssl

                P:musl
                V:1.2.4_git20230717-r4
                o:musl
                """;
        assertThat(PackageFiles.apk(installed, "lib/apk/db/installed")).containsExactly(
                new RawPackage(Ecosystem.ALPINE, "openssl", "3.1.4-r5", "libcrypto3 3.1.4-r5", "lib/apk/db/installed"),
                new RawPackage(Ecosystem.ALPINE, "musl", "1.2.4_git20230717-r4", null, "lib/apk/db/installed"));
    }

    @Test
    void pathsAreRecognisedByTheirPlaceNotTheirLooks() {
        assertThat(PackageFiles.kind("var/lib/dpkg/status.d/base")).isEqualTo(PackageFiles.Kind.DPKG);
        assertThat(PackageFiles.kind("var/lib/dpkg/status.d/base.md5sums")).isEqualTo(PackageFiles.Kind.NONE);
        assertThat(PackageFiles.kind("app/node_modules/@scope/pkg/package.json")).isEqualTo(PackageFiles.Kind.NPM);
        assertThat(PackageFiles.kind("app/node_modules/pkg/lib/package.json")).isEqualTo(PackageFiles.Kind.NONE);
        assertThat(PackageFiles.kind("app/package.json")).isEqualTo(PackageFiles.Kind.NONE);
        assertThat(PackageFiles.kind("usr/lib/python3/dist-packages/six-1.16.0.egg-info")).isEqualTo(PackageFiles.Kind.PYTHON);
        assertThat(PackageFiles.kind("var/lib/gems/3.1.0/specifications/rake-13.0.6.gemspec"))
                .isEqualTo(PackageFiles.Kind.GEM);
        assertThat(LayerScanner.normalise("./usr/../../etc/passwd")).isNull();
        assertThat(LayerScanner.normalise("/usr//lib/./x")).isEqualTo("usr/lib/x");
        assertThat(LayerMerger.inRoot("etc/os-release", "../../../../usr/lib/os-release")).isEqualTo("usr/lib/os-release");
        assertThat(LayerMerger.inRoot("etc/os-release", "/usr/lib/os-release")).isEqualTo("usr/lib/os-release");
    }

    @Test
    void gemspecsInBothGeneratedForms() {
        assertThat(PackageFiles.gem("""
                Gem::Specification.new do |s|
                  s.name = "rake".freeze
                  s.version = "13.0.6"
                """, "x.gemspec")).extracting(RawPackage::name, RawPackage::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple("rake", "13.0.6"));
        assertThat(PackageFiles.gem("Gem::Specification.new do |s|\n  s.name = 'webrick'\n  s.version = '1.8.1'\n",
                "x.gemspec")).extracting(RawPackage::name).containsExactly("webrick");
    }

    @Test
    void goBuildInfoBecomesModulesAndStdlib() {
        BinaryInventory go = new BinaryInventory("go", "go1.17.2 X:boringcrypto",
                new BinaryModule("github.com/evanw/esbuild", "(devel)"),
                List.of(new BinaryModule("golang.org/x/sys", "v0.0.0-20210615035016-665e8c7367d1")));
        assertThat(BinarySpill.packages(go, "bin/esbuild")).containsExactly(
                new RawPackage(Ecosystem.GO, "golang.org/x/sys", "v0.0.0-20210615035016-665e8c7367d1", null, "bin/esbuild"),
                new RawPackage(Ecosystem.GO, "stdlib", "1.17.2", null, "bin/esbuild"));
        BinaryInventory rust = new BinaryInventory("rust", null, new BinaryModule("tool", "0.3.1"),
                List.of(new BinaryModule("serde", "1.0.193")));
        assertThat(BinarySpill.packages(rust, "bin/tool")).containsExactly(
                new RawPackage(Ecosystem.CRATES_IO, "tool", "0.3.1", null, "bin/tool"),
                new RawPackage(Ecosystem.CRATES_IO, "serde", "1.0.193", null, "bin/tool"));
    }
}
