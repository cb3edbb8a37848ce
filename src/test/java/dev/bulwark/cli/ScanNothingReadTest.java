package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 2: a scan that could read no package at all is its own outcome (exit 2 and one clear line), not
 * "No known vulnerabilities in 0 packages" with exit 0 under {@code --fail-on any}. Real dump, real manifests.
 */
class ScanNothingReadTest {
    @TempDir
    Path tmp;
    private Path db;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void importTheRealPyPiDump() {
        db = tmp.resolve("db");
        assertThat(run("db", "import", "--db", db.toString(), SharedData.osvDb().resolve("PyPI/all.zip").toString()))
                .isZero();
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    @Test
    void everyManifestUnparseableExits2WithOneClearLine() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("broken"));
        brokenManifests(project);

        int code = run("scan", "--db", db.toString(), "--fail-on", "any", project.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("package-lock.json").contains("Cargo.lock");
        assertThat(err.toString().lines().toList().getLast()).isEqualTo("bulwark: no packages could be read: none "
                + "of the 2 manifest(s) found under " + project + " could be parsed");
        assertThat(out.toString()).doesNotContain("No known vulnerabilities");
    }

    @Test
    void anEmptyFolderExits2() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        int code = run("scan", "--db", db.toString(), "--fail-on", "any", "--format", "json", "--output",
                tmp.resolve("r.json").toString(), empty.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("bulwark: no packages could be read: no dependency manifest "
                + "was found under " + empty);
        assertThat(tmp.resolve("r.json")).as("no report of a scan that checked nothing").doesNotExist();
    }

    @Test
    void partialFailureScansTheRestAndSaysWhatWasNotRead() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("partial"));
        brokenManifests(project);
        Path certbot = Files.createDirectories(project.resolve("certbot"));
        Files.copy(SharedData.manifests().resolve("certbot_certbot_a807240db7b8_requirements.txt"),
                certbot.resolve("requirements.txt"));

        int code = run("scan", "--db", db.toString(), "--fail-on", "any", project.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("184 packages, 14 vulnerabilities");
        assertThat(err.toString()).contains("2 of 3 manifest(s) could not be read; their packages were not checked")
                .contains("14 finding(s) at or above --fail-on any");
    }

    @Test
    void helpSaysWhatPartialFailureDoes() {
        assertThat(run("scan", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("Partial failure")
                .contains("the other manifests are scanned and reported, and the exit code follows their findings")
                .contains("2 usage or fatal error, or no package could be read");
    }

    /** The shared package-lock.json cut short, and a binary file named Cargo.lock. */
    private static void brokenManifests(Path project) throws IOException {
        Path web = Files.createDirectories(project.resolve("web"));
        try (InputStream in = Files.newInputStream(
                SharedData.manifests().resolve("sahat_hackathon-starter_6296aa7efe6c_package-lock.json"))) {
            Files.write(web.resolve("package-lock.json"), in.readNBytes(4000));
        }
        Path rust = Files.createDirectories(project.resolve("rust"));
        Files.write(rust.resolve("Cargo.lock"), new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0});
    }

    private int run(String... args) {
        return Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }
}
