package dev.bulwark.scan.parse;

import static dev.bulwark.scan.parse.TestManifests.fixture;
import static dev.bulwark.scan.parse.TestManifests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.ScanError;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken input: each yields a clear error naming the file, and the scan goes on. */
class BadInputTest {
    @TempDir
    Path dir;

    private Path write(String relative, byte[] content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, content);
    }

    private Path write(String relative, String content) throws IOException {
        return write(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    private static ScanError onlyError(ManifestResult r) {
        assertThat(r.packages()).isEmpty();
        assertThat(r.errors()).hasSize(1);
        ScanError e = r.errors().getFirst();
        assertThat(e.file()).isEqualTo(r.file());
        assertThat(e.toString()).startsWith(r.file().toString());
        return e;
    }

    @Test
    void truncatedJsonNamesTheFileAndTheLine() throws IOException {
        byte[] full = Files.readAllBytes(fixture("npm-v2/package-lock.json"));
        Path f = write("truncated/package-lock.json", java.util.Arrays.copyOf(full, full.length / 2));
        ScanError e = onlyError(parse(f));
        assertThat(e.message()).contains("truncated");
        assertThat(e.line()).isGreaterThan(1);
        assertThat(e.source()).isEqualTo("package-lock.json");
    }

    @Test
    void binaryGarbageIsRefused() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        garbage[10] = 0;
        ScanError e = onlyError(parse(write("bin/Cargo.lock", garbage)));
        assertThat(e.message()).contains("binary");
    }

    @Test
    void invalidUtf8WithoutNulBytesIsRefused() throws IOException {
        byte[] bad = "requests==2.0.0\ncaf\u00e9==1.0\n".getBytes(StandardCharsets.ISO_8859_1);
        ScanError e = onlyError(parse(write("latin1/requirements.txt", bad)));
        assertThat(e.message()).contains("UTF-8");
    }

    @Test
    void fileOverTheSizeCapIsRefusedUnread() throws IOException {
        Path f = dir.resolve("huge/package-lock.json");
        Files.createDirectories(f.getParent());
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(100L * 1024 * 1024); // sparse: costs no disk and is never read
        }
        ScanError e = onlyError(parse(f));
        assertThat(e.message()).contains("100.0 MB").contains("64.0 MB limit");
    }

    @Test
    void smallerConfiguredCapApplies() throws IOException {
        Path f = write("small/requirements.txt", "a==1\n".repeat(100));
        ManifestScanner scanner = new ManifestScanner(new ParseLimits(100, 256, 16));
        ScanError e = onlyError(scanner.scan(List.of(f), p -> { }).getFirst());
        assertThat(e.message()).contains("limit");
    }

    @Test
    void deeplyNestedJsonHitsTheNestingConstraint() throws IOException {
        String deep = "{\"lockfileVersion\": 3, \"packages\": {\"\": " + "[".repeat(5000) + "]".repeat(5000) + "}}";
        ScanError e = onlyError(parse(write("deep/package-lock.json", deep)));
        assertThat(e.message()).containsIgnoringCase("nesting depth");
    }

    @Test
    void yamlAliasBombIsNotExpanded() throws IOException {
        StringBuilder y = new StringBuilder("lockfileVersion: '6.0'\npackages:\n  /a@1.0.0: &a {k: [x, x, x, x, x, x, x, x, x, x]}\n");
        for (int i = 1; i < 30; i++) {
            y.append("  /a").append(i).append("@1.0.0: &a").append(i).append(" {k: [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i == 1 ? "" : i - 1))))
                    .append("]}\n");
        }
        ManifestResult r = parse(write("bomb/pnpm-lock.yaml", y.toString()));
        // 10^30 nodes if aliases were expanded; the streaming reader keeps them as references.
        assertThat(r.packages()).hasSizeLessThanOrEqualTo(30);
    }

    @Test
    void validJsonOfTheWrongShapeIsAnUnknownFormat() throws IOException {
        ScanError e = onlyError(parse(write("shape/package-lock.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}")));
        assertThat(e.message()).contains("unknown format").contains("not an npm lockfile");
        ScanError notObject = onlyError(parse(write("array/composer.lock", "[1, 2, 3]")));
        assertThat(notObject.message()).contains("not an object");
    }

    @Test
    void malformedTomlAndXmlAndLineFormats() throws IOException {
        ScanError toml = onlyError(parse(write("toml/poetry.lock", "[[package]]\nname = \"x\nversion = 1\n")));
        assertThat(toml.message()).contains("not valid poetry.lock (TOML)");
        ScanError xml = onlyError(parse(write("xml/pom.xml", "<project><dependencies></project>")));
        assertThat(xml.message()).contains("not well-formed XML");
        ScanError yarn = onlyError(parse(write("yarn/yarn.lock", "{\"this\": \"is json\"}\n")));
        assertThat(yarn.message()).contains("not a yarn.lock");
        ScanError gomod = onlyError(parse(write("gomod/go.mod", "require foo v1.0.0\n")));
        assertThat(gomod.message()).contains("no module directive");
    }

    @Test
    void explicitFileOfUnknownFormatSaysWhatIsSupported() throws IOException {
        ScanError e = onlyError(parse(write("misc/deps.lock", "some: thing\n")));
        assertThat(e.message()).contains("unknown manifest format").contains("requirements.txt", "Cargo.lock");
    }

    @Test
    void renamedJsonManifestIsRecognisedByContent() throws IOException {
        Path f = write("renamed/frontend-lock.json", Files.readString(fixture("npm-v1/package-lock.json")));
        ManifestResult r = parse(f);
        assertThat(r.format()).isEqualTo("package-lock.json");
        assertThat(r.packages()).isNotEmpty();
    }

    @Test
    void missingRootIsReportedAndOtherRootsStillScanned() {
        Path missing = dir.resolve("does-not-exist");
        List<ManifestResult> results = new ManifestScanner().scan(List.of(missing, fixture("cargo-v4/Cargo.lock")), p -> { });
        assertThat(results).hasSize(2);
        assertThat(results.get(0).errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(missing);
            assertThat(e.message()).contains("no such file");
        });
        assertThat(results.get(1).packages()).hasSize(1);
    }

    @Test
    void oneFolderWithBrokenFilesStillYieldsTheGoodOnes() throws IOException {
        write("app/a/package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/x\": {\"version\": ");
        byte[] garbage = new byte[256];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0;
        write("app/b/Gemfile.lock", garbage);
        write("app/c/requirements.txt", "flask==2.0.1\n");
        write("app/d/pnpm-lock.yaml", "lockfileVersion: '6.0'\npackages:\n  /x@1.0.0: [unclosed\n");
        List<ManifestResult> results = new ManifestScanner().scan(List.of(dir.resolve("app")), p -> { });
        assertThat(results).extracting(r -> dir.resolve("app").relativize(r.file()).toString())
                .containsExactly("a/package-lock.json", "b/Gemfile.lock", "c/requirements.txt", "d/pnpm-lock.yaml");
        assertThat(results.get(0).errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("truncated"));
        assertThat(results.get(1).errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("binary"));
        assertThat(results.get(2).errors()).isEmpty();
        assertThat(results.get(2).packages()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("flask"));
        assertThat(results.get(3).errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("pnpm-lock.yaml"));
    }

    @Test
    void aBinaryIncludedRequirementsFileIsNamedAndTheIncluderStillParses() throws IOException {
        write("inc/blob.txt", new byte[]{1, 0, 2, 3});
        Path f = write("inc/requirements.txt", "-r blob.txt\nflask==2.0.1\n");
        ManifestResult r = parse(f);
        assertThat(r.packages()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("flask"));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(dir.resolve("inc/blob.txt"));
            assertThat(e.message()).contains("included from requirements.txt:1").contains("binary");
        });
    }
}
