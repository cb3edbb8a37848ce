package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.osv.DumpServer;
import dev.bulwark.scan.osv.OsvFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {
    @TempDir
    Path tmp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void importThenStatus() throws Exception {
        Path db = tmp.resolve("db");
        assertThat(run("db", "import", "--db", db.toString(), OsvFixtures.allRecordsZip(tmp).toString())).isZero();
        assertThat(out.toString()).contains("Imported PyPI").contains("5 records").contains("1 withdrawn skipped");

        assertThat(run("db", "status", "--db", db.toString())).isZero();
        assertThat(out.toString()).contains("crates.io").contains("all.zip").containsPattern("Maven\\s+-\\s+never");
    }

    @Test
    void aRefusedDumpIsNamedAndExits2() throws Exception {
        Path bad = OsvFixtures.zip(tmp.resolve("evil.zip"), Map.of("../x.json", "{}".getBytes()));
        assertThat(run("db", "import", "--db", tmp.resolve("db").toString(), bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("evil.zip").contains("escapes");
        assertThat(run("db", "import", "--db", tmp.resolve("db").toString(), tmp.resolve("nope.zip").toString()))
                .isEqualTo(2);
        assertThat(run("db")).isEqualTo(2);
    }

    @Test
    void updateDownloadsImportsAndThenFindsEverythingUpToDate() throws Exception {
        try (DumpServer server = new DumpServer()) {
            server.files.put("/PyPI/all.zip", Files.readAllBytes(OsvFixtures.allRecordsZip(tmp)));
            Path db = tmp.resolve("db");

            int first = run("db", "update", "--db", db.toString(), "--url", server.base().toString(),
                    "--ecosystem", "PyPI");
            assertThat(first).isZero();
            assertThat(out.toString()).contains("PyPI: downloaded").contains("Imported PyPI");
            assertThat(err.toString()).contains("PyPI: ").contains(" / "); // progress with total size

            int second = run("db", "update", "--db", db.toString(), "--url", server.base().toString(),
                    "--ecosystem", "pypi");
            assertThat(second).isZero();
            assertThat(out.toString()).contains("PyPI: up to date");
            assertThat(server.requests.get(1)).containsKey("If-None-Match");
            assertThat(run("db", "status", "--db", db.toString())).isZero();
            assertThat(out.toString()).contains(server.base() + "PyPI/all.zip");

            assertThat(run("db", "update", "--db", db.toString(), "--url", server.base().toString(),
                    "--ecosystem", "npm")).isEqualTo(2);
            assertThat(err.toString()).contains("HTTP 404");
            assertThat(run("db", "update", "--db", db.toString(), "--ecosystem", "cobol")).isEqualTo(2);
        }
    }

    @Test
    void emptyDatabaseStatusSaysSo() {
        assertThat(run("db", "status", "--db", tmp.resolve("none").toString())).isZero();
        assertThat(err.toString()).contains("database is empty");
        assertThat(Files.exists(tmp.resolve("none"))).isFalse();
    }
}
