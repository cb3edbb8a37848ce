package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.io.InputStream;
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
    private final CliRun cli = new CliRun();

    @BeforeEach
    void importTheRealPyPiDump() {
        db = tmp.resolve("db");
        cli.importInto(db, SharedData.osvDb().resolve("PyPI/all.zip"));
    }

    @Test
    void everyManifestUnparseableExits2WithOneClearLine() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("broken"));
        brokenManifests(project);

        int code = cli.run("scan", "--db", db.toString(), "--fail-on", "any", project.toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("package-lock.json").contains("Cargo.lock");
        assertThat(cli.err().lines().toList().getLast()).isEqualTo("bulwark: no packages could be read: none "
                + "of the 2 manifest(s) found under " + project + " could be parsed");
        assertThat(cli.out()).doesNotContain("No known vulnerabilities");
    }

    @Test
    void anEmptyFolderExits2() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        int code = cli.run("scan", "--db", db.toString(), "--fail-on", "any", "--format", "json", "--output",
                tmp.resolve("r.json").toString(), empty.toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo("bulwark: no packages could be read: no dependency manifest "
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

        int code = cli.run("scan", "--db", db.toString(), "--fail-on", "any", project.toString());

        assertThat(code).isEqualTo(1);
        assertThat(cli.out()).contains("184 packages, 14 vulnerabilities");
        assertThat(cli.err()).contains("2 of 3 manifest(s) could not be read; their packages were not checked")
                .contains("14 finding(s) at or above --fail-on any");
    }

    @Test
    void helpSaysWhatPartialFailureDoes() {
        assertThat(cli.run("scan", "--help")).isZero();
        assertThat(cli.out().replaceAll("\\s+", " ")).contains("Partial failure")
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
}
