package dev.bulwark.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.testsupport.Requirements;
import dev.bulwark.testsupport.SecondUser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, hole 9: the real CLI in a child JVM, run by a second (throwaway) user whose home folder it cannot
 * write, with the production logging configuration: one warning line, logging on stderr, nothing from Logback;
 * {@code -Dbulwark.logDir} and {@code BULWARK_HOME} are honoured. Needs root (to add the user) and runuser.
 */
class LoggingFallbackTest {
    private static final String WARNING = "bulwark: warning: cannot write logs to ";
    private static String user;
    private static Path work;
    private static Path home;
    private static String classPath;

    record Result(int exit, List<String> out, List<String> err) {
    }

    @BeforeAll
    static void secondUser() throws Exception {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/sbin/useradd"))
                || !Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
            Requirements.missing("needs root with useradd and runuser to run the CLI as a second user");
        }
        work = Files.createTempDirectory("bulwark-logging");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        // owned by root, so the second user can read it but not write in it
        home = Files.createDirectories(work.resolve("home"));
        user = "bwlog" + UUID.randomUUID().toString().substring(0, 8);
        exec(List.of("/usr/sbin/useradd", "--system", "--home-dir", home.toString(), "--no-create-home",
                "--shell", "/usr/sbin/nologin", user));
        classPath = readableClassPath(Files.createDirectories(work.resolve("cp")));
    }

    @AfterAll
    static void removeUser() throws Exception {
        if (user != null) {
            exec(List.of("/usr/sbin/userdel", user));
        }
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The test's class path without its test classes (so the production logback.xml is the one found), each
     * jar linked (or copied) into a folder the second user can read: the local Maven repository is root's.
     */
    private static String readableClassPath(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.endsWith("test-classes") || !Files.exists(p)) {
                continue;
            }
            if (Files.isDirectory(p)) {
                out.add(p.toString());  // target/classes: world-readable in the build tree
                continue;
            }
            Path link = dir.resolve((i++) + "-" + p.getFileName());
            try {
                Files.createLink(link, p);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(p, link);
            }
            out.add(link.toString());
        }
        return String.join(File.pathSeparator, out);
    }

    private static Result bulwark(List<String> jvmOptions, List<String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", user, "--", "/usr/bin/env", "-i",
                "HOME=" + home, "XDG_DATA_HOME=" + home.resolve(".local/share"), "PATH=/usr/bin:/bin"));
        cmd.addAll(env);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(SecondUser.NO_PERF_DATA);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, "dev.bulwark.app.Main"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bulwark " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    private static void exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", cmd, output).isZero();
    }

    @Test
    void anUnwritableHomeGivesOneWarningLineAndLogsToStderr() throws Exception {
        Result version = bulwark(List.of(), List.of(), "--version");
        assertThat(version.exit()).as("%s", version).isZero();
        assertThat(version.out()).as("stdout is the version only").hasSize(3).first().asString().startsWith("Bulwark ");
        assertThat(version.err()).as("stderr").singleElement().asString()
                .startsWith(WARNING + home.resolve(".local/share/bulwark/logs") + " (permission denied)")
                .endsWith("logging to stderr only (set BULWARK_HOME or -Dbulwark.logDir to a writable folder)");

        Result status = bulwark(List.of(), List.of(), "db", "status");
        assertThat(status.out()).noneMatch(l -> l.contains("logback") || l.startsWith("\tat "));
        assertThat(status.err()).filteredOn(l -> l.startsWith(WARNING)).hasSize(1);
        assertThat(status.err()).noneMatch(l -> l.contains("logback") || l.contains("\tat ") || l.contains("ERROR"))
                .hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void theDocumentedOverridesAreHonoured() throws Exception {
        // A command that logs (an import writes one INFO line per ecosystem); the log file is made by the first
        // event, so a run that logs nothing (--version) leaves no file behind.
        Path dump = OsvFixtures.allRecordsZip(Files.createDirectories(work.resolve("dump-" + UUID.randomUUID())));
        Path logs = Files.createDirectories(work.resolve("logs-" + UUID.randomUUID()));
        exec(List.of("/usr/bin/chown", user, logs.toString()));
        Result version = bulwark(List.of("-Dbulwark.logDir=" + logs), List.of(), "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.err()).isEmpty();
        assertThat(logs.resolve("bulwark.log")).as("nothing logged, no file").doesNotExist();

        Path dataHome = Files.createDirectories(work.resolve("import-home-" + UUID.randomUUID()));
        exec(List.of("/usr/bin/chown", user, dataHome.toString()));
        Result byProperty = bulwark(List.of("-Dbulwark.logDir=" + logs), List.of("BULWARK_HOME=" + dataHome),
                "db", "import", dump.toString());
        assertThat(byProperty.exit()).as("%s", byProperty).isZero();
        assertThat(byProperty.err()).isEmpty();
        assertThat(logs.resolve("bulwark.log")).content().contains("imported");
        assertThat(dataHome.resolve("data/logs/bulwark.log")).as("the property wins over BULWARK_HOME").doesNotExist();

        Path bulwarkHome = Files.createDirectories(work.resolve("bulwark-home-" + UUID.randomUUID()));
        exec(List.of("/usr/bin/chown", user, bulwarkHome.toString()));
        Result byHome = bulwark(List.of(), List.of("BULWARK_HOME=" + bulwarkHome), "db", "import", dump.toString());
        assertThat(byHome.exit()).as("%s", byHome).isZero();
        assertThat(byHome.err()).isEmpty();
        assertThat(bulwarkHome.resolve("data/logs/bulwark.log")).content().contains("imported");
    }
}
