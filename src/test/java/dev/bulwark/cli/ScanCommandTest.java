package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.osv.OsvFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line over a real temp project and a database imported from the committed OSV subset. */
class ScanCommandTest {
    @TempDir
    Path tmp;
    private Path db;
    private Path project;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        db = tmp.resolve("db");
        assertThat(run("db", "import", "--db", db.toString(), OsvFixtures.allRecordsZip(tmp).toString())).isZero();
        project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("requirements.txt"), """
                # pinned
                requests==2.19.0
                Jinja2==2.10
                flask>=2
                """);
        Files.createDirectories(project.resolve("web"));
        Files.writeString(project.resolve("web").resolve("package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": {");
        Files.createDirectories(project.resolve("bin"));
        Files.write(project.resolve("bin").resolve("Cargo.lock"), new byte[]{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, (byte) 0xff});
        Files.createDirectories(project.resolve("deep"));
        Files.writeString(project.resolve("deep").resolve("composer.lock"), "[".repeat(100_000));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    private int run(String... args) {
        return Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void printsATableAndFailsOnHighByDefault() {
        int code = run("scan", "--db", db.toString(), project.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("CVE-2018-18074").contains("CVE-2019-10906").contains("requests")
                .contains("Unpinned").contains("flask").contains("Smallest fixing upgrades");
        assertThat(out.toString()).contains("package-lock.json"); // the broken file is named among the errors
        assertThat(err.toString()).contains("package-lock.json");
        assertThat(err.toString()).contains("at or above --fail-on high");
    }

    @Test
    void thresholdDecidesTheExitCodeButNeverHidesFindings() throws Exception {
        assertThat(run("scan", "--db", db.toString(), "--fail-on", "none", "--format", "json", project.toString()))
                .isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("findings")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(json.get("errors")).anySatisfy(e -> assertThat(e.get("file").asText()).endsWith("package-lock.json"));
        assertThat(json.get("errors")).anySatisfy(e -> assertThat(e.get("file").asText()).endsWith("Cargo.lock"));
        assertThat(json.get("errors")).anySatisfy(e -> assertThat(e.get("file").asText()).endsWith("composer.lock"));
        assertThat(json.get("packages")).anySatisfy(p -> assertThat(p.get("name").asText()).isEqualTo("requests"));
        assertThat(run("scan", "--db", db.toString(), "--fail-on", "critical", project.toString())).isZero();
    }

    @Test
    void ignoreFileAtTheRootSilencesAcceptedFindings() throws Exception {
        Files.writeString(project.resolve(".bulwark-ignore.yaml"), """
                ignore:
                  - id: GHSA-x84v-xcm2-53pg
                    reason: only internal hosts
                  - id: PYSEC-2019-217
                    reason: templates are trusted
                """);
        assertThat(run("scan", "--db", db.toString(), project.toString())).isZero();
        assertThat(out.toString()).contains("[ignored]");
    }

    @Test
    void writesSeveralFormatsIntoAFolder() {
        Path reports = tmp.resolve("reports");
        int code = run("scan", "--db", db.toString(), "--fail-on", "none", "--format", "json,sarif,html,cyclonedx,csv,md",
                "--output", reports.toString(), project.toString());

        assertThat(code).isZero();
        assertThat(reports.resolve("bulwark-report.json")).isNotEmptyFile();
        assertThat(reports.resolve("bulwark-report.sarif")).isNotEmptyFile();
        assertThat(reports.resolve("bulwark-report.html")).isNotEmptyFile();
        assertThat(reports.resolve("bulwark-report.cdx.json")).isNotEmptyFile();
        assertThat(reports.resolve("bulwark-report.csv")).isNotEmptyFile();
        assertThat(reports.resolve("bulwark-report.md")).isNotEmptyFile();
    }

    @Test
    void aSingleFormatCanGoToAFile() {
        Path file = tmp.resolve("out").resolve("scan.sarif");
        assertThat(run("scan", "--db", db.toString(), "--fail-on", "none", "--format", "sarif", "--output",
                file.toString(), project.resolve("requirements.txt").toString())).isZero();
        assertThat(file).content().contains("\"version\" : \"2.1.0\"");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("scan", "--db", db.toString(), "--fail-on", "severe", project.toString())).isEqualTo(2);
        assertThat(run("scan", "--db", db.toString(), tmp.resolve("missing").toString())).isEqualTo(2);
        assertThat(run("scan", "--db", db.toString(), "--format", "json,html", project.toString())).isEqualTo(2);
        assertThat(run("scan", "--db", db.toString(), "--format", "pdf", project.toString())).isEqualTo(2);
        assertThat(run("scan", "--db", db.toString(), "--backend", "trivy", project.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("severe").contains("missing").contains("--output").contains("pdf")
                .contains("trivy");
    }

    @Test
    void aCorruptDatabaseFailsTheScanInsteadOfPassingIt() throws Exception {
        Path generation = db.resolve("pypi").resolve(Files.readString(db.resolve("pypi").resolve("CURRENT")).trim());
        Files.writeString(generation.resolve("packages.idx"), "\u0000garbage");
        int code = run("scan", "--db", db.toString(), "--fail-on", "none", project.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("backend failed").contains("PyPI database")
                .contains("no vulnerability backend succeeded");

        Files.writeString(db.resolve("pypi").resolve("CURRENT"), "gen-that-does-not-exist\n");
        assertThat(run("scan", "--db", db.toString(), "--fail-on", "none", project.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("gen-that-does-not-exist");
    }

    @Test
    void anEmptyDatabaseIsReportedNotSilentlyClean() {
        int code = run("scan", "--db", tmp.resolve("empty-db").toString(), "--fail-on", "none", project.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("is empty");
    }
}
