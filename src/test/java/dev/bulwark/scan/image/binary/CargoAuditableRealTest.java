package dev.bulwark.scan.image.binary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cargo-auditable data in a real ELF executable. No binary with a {@code .dep-v0} section could be found in the
 * registries this machine reaches (checked: Rust CLIs on npm such as biome, dprint, oxlint, turbo, sentry-cli,
 * ast-grep, moon, git-cliff, codex; Debian's ripgrep and fd-find), and cargo-auditable itself is not installable
 * offline. So the fixture is built the way cargo-auditable lays it out: the machine's C compiler links a real
 * program and binutils' objcopy adds a {@code .dep-v0} section holding zlib-compressed JSON in the exact on-disk
 * format. binutils' own {@code objcopy --dump-section} is the independent reader of the section bytes.
 */
class CargoAuditableRealTest {
    /** As cargo-auditable writes it for a binary crate with one build-only and three runtime dependencies. */
    private static final String AUDIT_JSON = """
            {"packages":[\
            {"name":"autocfg","version":"1.1.0","source":"crates.io","kind":"build"},\
            {"name":"memchr","version":"2.6.4","source":"crates.io"},\
            {"name":"num-traits","version":"0.2.17","source":"crates.io","dependencies":[0]},\
            {"name":"regex","version":"1.10.2","source":"crates.io","dependencies":[1]},\
            {"name":"tool","version":"0.3.1","source":"local","dependencies":[1,2,3],"root":true}]}""";

    @TempDir
    Path dir;

    @Test
    void dependencyListOfARealElfWithADepV0Section() throws Exception {
        Path c = Files.writeString(dir.resolve("tool.c"), "#include <stdio.h>\nint main(void){puts(\"tool\");return 0;}\n");
        Path plain = dir.resolve("tool");
        require(RealBinaries.run(dir, Map.of(), 120, "cc", "-O1", "-o", plain.toString(), c.toString()), "cc");
        Path section = Files.write(dir.resolve("dep-v0.bin"), BinaryInspectorSyntheticTest.deflate(AUDIT_JSON));
        Path audited = dir.resolve("tool-audited");
        require(RealBinaries.run(dir, Map.of(), 120, "objcopy", "--add-section", ".dep-v0=" + section,
                "--set-section-flags", ".dep-v0=noload,readonly", plain.toString(), audited.toString()), "objcopy");

        Path dumped = dir.resolve("dumped.bin");
        require(RealBinaries.run(dir, Map.of(), 60, "objcopy", "--dump-section", ".dep-v0=" + dumped,
                audited.toString(), dir.resolve("scratch").toString()), "objcopy --dump-section");
        assertThat(Files.readAllBytes(dumped)).isEqualTo(Files.readAllBytes(section));

        assertThat(GoBinariesRealTest.inspect(plain)).isEmpty();
        BinaryInventory inv = GoBinariesRealTest.inspect(audited).orElseThrow();
        assertThat(inv.kind()).isEqualTo(BinaryInventory.RUST);
        assertThat(inv.toolchain()).isNull();
        assertThat(inv.main()).isEqualTo(new BinaryModule("tool", "0.3.1"));
        assertThat(inv.modules()).containsExactly(new BinaryModule("memchr", "2.6.4"),
                new BinaryModule("num-traits", "0.2.17"), new BinaryModule("regex", "1.10.2"));
    }

    private static void require(RealBinaries.Result r, String tool) {
        if (r.rc() == 127) {
            dev.bulwark.testsupport.Requirements.missing(tool + " is not installed (apt-get install gcc binutils)");
        }
        assertThat(r.rc()).as(tool + ": " + r.out()).isZero();
    }
}
