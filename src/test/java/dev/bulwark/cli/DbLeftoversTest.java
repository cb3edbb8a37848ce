package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.scan.osv.OsvStore;
import dev.bulwark.testsupport.ChildCli;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 3: a {@code db import} killed with SIGKILL (a real child JVM) leaves its scratch spool behind;
 * the next {@code db status}, scan or import removes it, and the data in use is untouched.
 */
class DbLeftoversTest {
    @TempDir
    Path tmp;
    private Path db;
    private final CliRun cli = new CliRun();

    @BeforeEach
    void importTheSubset() {
        db = tmp.resolve("db");
        cli.importInto(db, OsvFixtures.recordsDir());
    }

    @Test
    void dbStatusRemovesTheSpoolOfAKilledImport() throws Exception {
        killAnImportMidway();

        assertThat(cli.run("db", "status", "--db", db.toString())).isZero();

        assertThat(leftovers()).as("scratch files after db status").isEmpty();
        assertThat(pypiRecords()).isEqualTo(5);
    }

    @Test
    void aScanRemovesTheSpoolOfAKilledImport() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.copy(SharedData.manifests().resolve("certbot_certbot_a807240db7b8_requirements.txt"),
                project.resolve("requirements.txt"));
        killAnImportMidway();

        assertThat(cli.run("scan", "--db", db.toString(), "--fail-on", "none", project.toString())).isZero();

        assertThat(leftovers()).as("scratch files after a scan").isEmpty();
    }

    @Test
    void theNextImportRemovesTheSpoolOfAKilledOneAtOnce() throws Exception {
        killAnImportMidway();

        assertThat(cli.run("db", "import", "--db", db.toString(), OsvFixtures.recordsDir().toString())).isZero();

        assertThat(leftovers()).as("scratch files after the next import (not only those over an hour old)")
                .isEmpty();
        assertThat(pypiRecords()).isEqualTo(5);
    }

    /** Starts a real import of the real dumps in a child JVM and SIGKILLs it while its spool is filling. */
    private void killAnImportMidway() throws Exception {
        Path osv = SharedData.osvDb();
        ChildCli separate = ChildCli.withHome(Files.createDirectories(tmp.resolve("home")));
        Process child = separate.start("db", "import", "--db", db.toString(), osv.resolve("PyPI/all.zip").toString(),
                osv.resolve("Go/all.zip").toString(), osv.resolve("crates.io/all.zip").toString(),
                osv.resolve("Go/all.zip").toString());
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                    .until(() -> spoolBytes() > 256 * 1024 || !child.isAlive());
            assertThat(child.isAlive()).as("the import is still running when killed").isTrue();
            child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }
        assertThat(leftovers()).as("what the killed import left").isNotEmpty()
                .anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith(".import-").endsWith(".spool"));
    }

    /** Spool files in the database folder and generation folders CURRENT does not name. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(db, 2)) {
            return s.filter(p -> {
                String name = p.getFileName().toString();
                if (name.endsWith(".spool")) {
                    return true;
                }
                if (!name.startsWith("gen-") || !Files.isDirectory(p)) {
                    return false;
                }
                try {
                    return !Files.readString(p.getParent().resolve("CURRENT")).trim().equals(name);
                } catch (IOException e) {
                    return true;
                }
            }).toList();
        }
    }

    private long spoolBytes() throws IOException {
        long total = 0;
        try (Stream<Path> s = Files.list(db)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".spool")).toList()) {
                try {
                    total += Files.size(p);
                } catch (NoSuchFileException e) {
                    // gone between listing and sizing
                }
            }
        }
        return total;
    }

    private int pypiRecords() throws IOException {
        return new OsvStore(db).manifest(Ecosystem.PYPI).orElseThrow().records();
    }
}
