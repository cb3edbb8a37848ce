package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.testsupport.ChildCli;
import dev.bulwark.testsupport.SecondUser;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 5: I/O errors are one line on stderr naming the user's path and the reason (never a temporary
 * file), with no stack trace on the console; the trace goes to the log file. The real CLI in a child JVM with
 * the production logging; an unwritable folder for a real second user.
 */
class CliErrorLinesTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    static Path tmp;
    private static SecondUser other;
    private static Path db;
    private static Path project;

    @BeforeAll
    static void setUp() throws Exception {
        SecondUser.openForOthers(tmp);
        db = tmp.resolve("db");
        ChildCli.Result r = cli("setup-home").umask("022").run(TIMEOUT, "db", "import", "--db", db.toString(),
                OsvFixtures.recordsDir().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        project = Files.createDirectories(tmp.resolve("project"));
        Files.copy(SharedData.manifests().resolve("certbot_certbot_a807240db7b8_requirements.txt"),
                project.resolve("requirements.txt"));
        other = SecondUser.create(tmp);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void outputUnderARegularFileIsOneLineNamingThePath() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "a file, not a folder\n");
        Path target = file.resolve("r.json");
        ChildCli cli = cli("home-file");

        ChildCli.Result r = cli.run(TIMEOUT, "scan", "--db", db.toString(), "--format", "json", "--output",
                target.toString(), "--fail-on", "none", project.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertOneLine(r, "bulwark: " + target + ": " + file + " is not a folder");
        assertTraceLogged(cli);
    }

    @Test
    void outputInAFolderTheUserCannotWriteIsOneLineNamingThePath() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("roots-reports"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path target = folder.resolve("r.json");
        ChildCli cli = cli("home-other").as(other);

        ChildCli.Result r = cli.run(TIMEOUT, "scan", "--db", db.toString(), "--format", "json", "--output",
                target.toString(), "--fail-on", "none", project.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertOneLine(r, "bulwark: " + target + ": cannot create a file in " + folder + ": permission denied");
        assertThat(folder).isEmptyDirectory();
        assertTraceLogged(cli);
    }

    @Test
    void anotherImportRunningIsOneLineWithoutATrace() throws Exception {
        ChildCli cli = cli("home-lock");
        ChildCli.Result r;
        try (FileChannel ch = FileChannel.open(db.resolve(".import.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = ch.lock()) {
            r = cli.run(TIMEOUT, "db", "import", "--db", db.toString(), OsvFixtures.recordsDir().toString());
        }

        assertThat(r.exit()).isEqualTo(2);
        assertOneLine(r, "bulwark: another import is running on " + db + "; try again when it has finished");
        assertTraceLogged(cli);
    }

    private static void assertOneLine(ChildCli.Result r, String expected) {
        assertThat(r.errLines()).as("stderr:%n%s", r.err()).containsExactly(expected);
        assertThat(r.err()).doesNotContain(".tmp").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static void assertTraceLogged(ChildCli cli) throws IOException {
        assertThat(Files.readString(cli.logFile())).contains("ERROR").contains("Exception").contains("\tat ");
    }

    private static ChildCli cli(String home) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(home));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return ChildCli.withHome(dir);
    }
}
