package dev.bulwark.scan.image.binary;

import dev.bulwark.scan.image.ImageInventory;
import dev.bulwark.scan.image.ImageScanner;
import dev.bulwark.scan.image.TestImages;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.testsupport.DockerEngineSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cargo-auditable data in real ELF executables. The real one is {@code bito-lint} 0.4.0, a Rust CLI released with
 * {@code cargo auditable} (via cargo-dist) and published on npm as {@value #NPM_SPEC}: it is put in an image on the
 * test engine and the image's crates.io inventory is checked against the binary's own {@code .dep-v0} JSON, cut out
 * by binutils' {@code objcopy --dump-section} and decoded by Python's zlib and json. The second fixture covers the
 * section layout in a binary the machine's C compiler links, for the exact bytes.
 */
class CargoAuditableRealTest {
    /** The only npm package found carrying a {@code .dep-v0} section among ~40 Rust CLIs and napi modules. */
    static final String NPM_SPEC = "@claylo/bito-lint-linux-x64@0.4.0";
    /** Prints {@code kind name version source root} per package of a dumped, still compressed section. */
    private static final String DECODE = """
            import json, sys, zlib
            doc = json.loads(zlib.decompress(open(sys.argv[1], 'rb').read()))
            for p in doc['packages']:
                print(p.get('kind', 'runtime'), p['name'], p['version'], p.get('source', ''), p.get('root', False))
            """;
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

    /** The section's exact bytes in a real ELF: binutils adds it, and dumps back what we read. */
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

    @Test
    void aRealCargoAuditableBinaryInAnImageGivesItsEmbeddedRuntimeCrates() throws Exception {
        Path bin = RealBinaries.npmFile(NPM_SPEC, "bin/bito-lint");
        Path dumped = dir.resolve("bito-dep-v0.bin");
        require(RealBinaries.run(dir, Map.of(), 120, "objcopy", "--dump-section", ".dep-v0=" + dumped,
                bin.toString(), dir.resolve("scratch").toString()), "objcopy --dump-section");
        Path script = Files.writeString(dir.resolve("decode.py"), DECODE);
        RealBinaries.Result decoded = RealBinaries.run(dir, Map.of(), 60, "python3", script.toString(),
                dumped.toString());
        if (decoded.rc() == 127) {
            dev.bulwark.testsupport.Requirements.missing("python3 is not installed");
        }
        assertThat(decoded.rc()).as(decoded.out()).isZero();
        Set<String> runtime = new TreeSet<>();
        Set<String> buildOnly = new TreeSet<>();
        Set<String> sources = new TreeSet<>();
        String root = null;
        for (String line : decoded.out().strip().split("\n")) {
            String[] f = line.split(" ");
            String crate = f[1] + " " + f[2];
            sources.add(f[3]);
            if (f[4].equals("True")) {
                root = crate;
            }
            (f[0].equals("build") ? buildOnly : runtime).add(crate);
        }
        buildOnly.removeAll(runtime); // a crate may be both (e.g. a build script's and the program's dependency)
        assertThat(root).isEqualTo("bito-lint 0.4.0");
        assertThat(runtime).hasSizeGreaterThan(100).contains(root, "bito-lint-core 0.4.0");
        assertThat(buildOnly).isNotEmpty();
        assertThat(sources).as("the binary's own crates are local, the rest from crates.io")
                .containsExactly("crates.io", "local");

        // The binary's own reading, without an image.
        BinaryInventory inv = GoBinariesRealTest.inspect(bin).orElseThrow();
        assertThat(inv.kind()).isEqualTo(BinaryInventory.RUST);
        assertThat(inv.main()).isEqualTo(new BinaryModule("bito-lint", "0.4.0"));

        // In an image: COPY'd onto the test-services busybox, exported with docker save, scanned as an archive.
        Path ctx = Files.createDirectories(dir.resolve("ctx/usr/local/bin")).getParent().getParent().getParent();
        Files.copy(bin, ctx.resolve("usr/local/bin/bito-lint"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + DockerEngineSupport.image() + "\n"
                + "COPY usr/ /usr/\n");
        DockerEngineSupport.dockerHost();
        String tag = "bulwark-test/cargo-auditable:" + UUID.randomUUID().toString().substring(0, 8);
        try {
            TestImages.run(List.of("docker", "build", "-q", "-t", tag, "."), ctx);
            Path archive = dir.resolve("image.tar");
            TestImages.run(List.of("docker", "save", "-o", archive.toString(), tag), ctx);
            ImageInventory image = new ImageScanner().scanArchive(archive);

            List<PackageRef> crates = image.packages().stream().filter(p -> p.ecosystem() == Ecosystem.CRATES_IO)
                    .toList();
            assertThat(crates).allSatisfy(p -> assertThat(p.file()).hasToString("/usr/local/bin/bito-lint"));
            Set<String> ours = crates.stream().map(p -> p.name() + " " + p.version())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(ours).as("runtime crates, the root included, every source; build-only crates left out")
                    .isEqualTo(runtime).doesNotContainAnyElementsOf(buildOnly);
            String copyLayer = image.layers().getLast().digest();
            assertThat(crates).allSatisfy(p -> assertThat(p.origin().layer()).isEqualTo(copyLayer));
            assertThat(image.errors()).isEmpty();
        } finally {
            TestImages.run(List.of("docker", "rmi", "-f", tag), ctx);
        }
    }

    private static void require(RealBinaries.Result r, String tool) {
        if (r.rc() == 127) {
            dev.bulwark.testsupport.Requirements.missing(tool + " is not installed (apt-get install gcc binutils)");
        }
        assertThat(r.rc()).as(tool + ": " + r.out()).isZero();
    }
}
