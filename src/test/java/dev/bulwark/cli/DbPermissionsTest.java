package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testsupport.ChildCli;
import dev.bulwark.testsupport.SecondUser;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 4: the database and reports follow the umask like other tools' files, so another user (a real
 * second account, through setpriv) can scan against a database root imported; a database that user may not read
 * is one line naming the file and "permission denied", the trace going to the log file only.
 */
class DbPermissionsTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    static Path tmp;
    private static SecondUser other;
    private static Path project;

    @BeforeAll
    static void createTheSecondUser() throws Exception {
        SecondUser.openForOthers(tmp);
        other = SecondUser.create(tmp);
        project = Files.createDirectories(tmp.resolve("project"));
        Files.copy(SharedData.manifests().resolve("certbot_certbot_a807240db7b8_requirements.txt"),
                project.resolve("requirements.txt"));
    }

    @AfterAll
    static void removeTheSecondUser() throws Exception {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void databaseFilesAndReportsFollowTheUmaskAndAnotherUserCanScan() throws Exception {
        Path db = tmp.resolve("db-shared");
        ChildCli root = ChildCli.withHome(home("root-home")).umask("022");
        ChildCli.Result imported = root.run(TIMEOUT, "db", "import", "--db", db.toString(),
                SharedData.osvDb().resolve("PyPI/all.zip").toString());
        assertThat(imported.exit()).as(imported.err()).isZero();

        assertThat(modes(db)).as("every file of the database under umask 022").isNotEmpty()
                .allSatisfy(m -> assertThat(m).endsWith("rw-r--r--"));
        Path report = tmp.resolve("report-022.json");
        assertThat(root.run(TIMEOUT, "scan", "--db", db.toString(), "--format", "json", "--output",
                report.toString(), "--fail-on", "none", project.toString()).exit()).isZero();
        assertThat(mode(report)).isEqualTo("rw-r--r--");
        Path private027 = tmp.resolve("report-027.json");
        assertThat(ChildCli.withHome(home("root-home")).umask("027").run(TIMEOUT, "scan", "--db", db.toString(),
                "--format", "json", "--output", private027.toString(), "--fail-on", "none", project.toString())
                .exit()).isZero();
        assertThat(mode(private027)).isEqualTo("rw-r-----");

        ChildCli.Result scan = ChildCli.withHome(home("other-home")).as(other).run(TIMEOUT, "scan", "--db",
                db.toString(), "--fail-on", "none", project.toString());
        // Before: manifest.json, packages.idx and CURRENT were 0600, and this failed with AccessDeniedException.
        assertThat(scan.exit()).as(scan.err()).isZero();
        assertThat(scan.out()).contains("CVE-2023-32681").contains("184 packages, 14 vulnerabilities");
    }

    @Test
    void anUnreadableDatabaseIsOneLineNamingTheFile() throws Exception {
        Path db = tmp.resolve("db-private");
        ChildCli root = ChildCli.withHome(home("root-home")).umask("022");
        assertThat(root.run(TIMEOUT, "db", "import", "--db", db.toString(),
                SharedData.osvDb().resolve("PyPI/all.zip").toString()).exit()).isZero();
        Path index;
        try (Stream<Path> s = Files.walk(db)) {
            index = s.filter(p -> p.getFileName().toString().equals("packages.idx")).findFirst().orElseThrow();
        }
        Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("rw-------"));

        ChildCli asOther = ChildCli.withHome(home("other-home-2")).as(other);
        for (List<String> command : List.of(
                List.of("scan", "--db", db.toString(), "--fail-on", "none", project.toString()),
                List.of("db", "status", "--db", db.toString()))) {
            ChildCli.Result r = asOther.run(TIMEOUT, command.toArray(String[]::new));

            assertThat(r.exit()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(r.errLines()).as(r.err()).singleElement().asString()
                    .isEqualTo("bulwark: " + index + ": permission denied");
        }
        assertThat(Files.readString(asOther.logFile())).contains("AccessDeniedException").contains("\tat ");
    }

    /** A BULWARK_HOME any user may write (the second user's log goes there). */
    private static Path home(String name) throws IOException {
        Path home = Files.createDirectories(tmp.resolve(name));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        return home;
    }

    private static List<String> modes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName() + " " + mode(p)).toList();
        }
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
