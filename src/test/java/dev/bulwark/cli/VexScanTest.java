package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.bulwark.testsupport.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark scan --vex} end to end on real data: the real PyPI OSV dump, the real Pipfile.lock of
 * psf/requests-html, an OpenVEX statement naming urllib3's CVE-2023-43804 only by its PYSEC alias, and an
 * ignore-file entry; then the export re-applied on its own.
 */
class VexScanTest {
    private static final String URLLIB3_CVE = "CVE-2023-43804";
    private static final String URLLIB3_ALIAS = "PYSEC-2023-192";
    private static final String IDNA_CVE = "CVE-2024-3651";
    @TempDir
    static Path tmp;
    private static Path db;
    private static Path project;
    private final ObjectMapper mapper = new ObjectMapper();
    private final CliRun cli = new CliRun();

    @BeforeAll
    static void importRealData() throws Exception {
        Path osv = SharedData.osvDb();
        db = tmp.resolve("db");
        new CliRun().importInto(db, osv.resolve("PyPI/all.zip"));
        project = Files.createDirectories(tmp.resolve("requests-html"));
        Files.copy(SharedData.manifests().resolve("psf_requests-html_02ef2cc9f45c_Pipfile.lock"),
                project.resolve("Pipfile.lock"));
    }

    private Path vexByAlias(Path dir) throws Exception {
        return Files.writeString(dir.resolve("team.vex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/team-1",
                 "author": "Security team", "timestamp": "2024-05-01T00:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "%s"}, "products": [{"@id": "pkg:pypi/urllib3@1.25.9"}],
                   "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
                   "impact_statement": "we never send Cookie headers through redirects"}]}
                """.formatted(URLLIB3_ALIAS));
    }

    private JsonNode finding(JsonNode report, String id) {
        return StreamSupport.stream(report.get("findings").spliterator(), false)
                .filter(f -> f.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static JsonSchema schema(String name, SpecVersion.VersionFlag v) throws Exception {
        try (InputStream in = Files.newInputStream(SharedData.schema(name))) {
            return JsonSchemaFactory.getInstance(v).getSchema(in);
        }
    }

    @Test
    void aVexStatementNamingAnAliasSuppressesTheFindingInEveryReportAndTheExportRoundTrips() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("roundtrip"));
        Path ignore = Files.writeString(work.resolve("ignore.yaml"),
                "ignore:\n  - id: " + IDNA_CVE + "\n    reason: idna only sees our own hostnames\n");
        Path out = work.resolve("reports");
        Path export = work.resolve("decisions.vex.json");

        // without VEX both HIGH findings (idna, urllib3) fail the default --fail-on high
        assertThat(cli.run("scan", "--db", db.toString(), project.toString())).isEqualTo(1);
        cli.clear();

        int code = cli.run("scan", "--db", db.toString(), "--vex", vexByAlias(work).toString(), "--ignore-file",
                ignore.toString(), "--format", "json,sarif,csv,html,cyclonedx", "--output", out.toString(),
                "--export-vex", export.toString(), "--vex-author", "Ops <ops@example.com>", project.toString());

        assertThat(code).as(cli.err()).isZero();
        JsonNode json = mapper.readTree(out.resolve("bulwark-report.json").toFile());
        try (InputStream in = VexScanTest.class.getResourceAsStream("/dev/bulwark/scan/report/scan-report.schema.json")) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in).validate(json))
                    .isEmpty();
        }
        JsonNode urllib3 = finding(json, URLLIB3_CVE);
        assertThat(urllib3.get("ignored").asBoolean()).isTrue();
        JsonNode s = urllib3.get("suppression");
        assertThat(s.get("kind").asText()).isEqualTo("vex");
        assertThat(s.get("status").asText()).isEqualTo("not_affected");
        assertThat(s.get("justification").asText()).isEqualTo("vulnerable_code_not_in_execute_path");
        assertThat(s.get("impact_statement").asText()).isEqualTo("we never send Cookie headers through redirects");
        assertThat(s.get("matched_id").asText()).isEqualTo(URLLIB3_ALIAS);
        assertThat(s.get("document").asText()).isEqualTo("https://example.com/vex/team-1");
        assertThat(s.get("product").asText()).isEqualTo("pkg:pypi/urllib3@1.25.9");
        assertThat(finding(json, IDNA_CVE).has("suppression")).isFalse();
        assertThat(finding(json, IDNA_CVE).get("ignored").asBoolean()).isTrue();
        assertThat(finding(json, "CVE-2023-45803").get("ignored").asBoolean()).as("other urllib3 CVE").isFalse();

        JsonNode sarif = mapper.readTree(out.resolve("bulwark-report.sarif").toFile());
        assertThat(schema("sarif-schema-2.1.0.json", SpecVersion.VersionFlag.V4).validate(sarif)).isEmpty();
        JsonNode result = StreamSupport.stream(sarif.at("/runs/0/results").spliterator(), false)
                .filter(r -> r.get("ruleId").asText().equals(URLLIB3_CVE)).findFirst().orElseThrow();
        JsonNode suppression = result.at("/suppressions/0");
        assertThat(suppression.get("kind").asText()).isEqualTo("external");
        assertThat(suppression.get("justification").asText()).contains("not_affected",
                "vulnerable_code_not_in_execute_path", "we never send Cookie headers");
        assertThat(suppression.at("/properties/vex/document").asText()).isEqualTo("https://example.com/vex/team-1");
        assertThat(Files.readString(out.resolve("bulwark-report.csv"))).contains("not_affected,"
                + "vulnerable_code_not_in_execute_path,https://example.com/vex/team-1");
        assertThat(Files.readString(out.resolve("bulwark-report.html"))).contains("suppressed by VEX");
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(
                Files.readAllBytes(out.resolve("bulwark-report.cdx.json")), org.cyclonedx.Version.VERSION_16)).isEmpty();
        JsonNode bom = mapper.readTree(out.resolve("bulwark-report.cdx.json").toFile());
        JsonNode vuln = StreamSupport.stream(bom.get("vulnerabilities").spliterator(), false)
                .filter(v -> v.get("id").asText().equals(URLLIB3_CVE)).findFirst().orElseThrow();
        assertThat(vuln.at("/analysis/state").asText()).isEqualTo("not_affected");
        assertThat(vuln.at("/analysis/justification").asText()).isEqualTo("code_not_reachable");

        // the export: valid OpenVEX, both decisions, author as given
        JsonNode vex = mapper.readTree(export.toFile());
        assertThat(schema("openvex_json_schema.json", SpecVersion.VersionFlag.V202012).validate(vex)).isEmpty();
        assertThat(vex.get("author").asText()).isEqualTo("Ops <ops@example.com>");
        assertThat(vex.get("statements")).extracting(st -> st.at("/vulnerability/name").asText())
                .containsExactly(URLLIB3_CVE, IDNA_CVE);
        assertThat(cli.err()).contains("wrote " + export, "2 statement(s)");

        // round trip: the export alone (no ignore file, no original VEX) suppresses the same findings
        Path empty = Files.writeString(work.resolve("empty-ignore.yaml"), "ignore: []\n");
        Path again = work.resolve("again.json");
        cli.clear();
        int second = cli.run("scan", "--db", db.toString(), "--vex", export.toString(), "--ignore-file",
                empty.toString(), "--format", "json", "--output", again.toString(), "--export-vex",
                work.resolve("again.vex.json").toString(), "--vex-author", "Ops <ops@example.com>",
                project.toString());
        assertThat(second).as(cli.err()).isZero();
        JsonNode json2 = mapper.readTree(again.toFile());
        assertThat(suppressedIds(json2)).containsExactlyInAnyOrderElementsOf(suppressedIds(json));
        assertThat(finding(json2, IDNA_CVE).at("/suppression/impact_statement").asText())
                .contains("idna only sees our own hostnames");
    }

    private static List<String> suppressedIds(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("ignored").asBoolean()) {
                ids.add(f.get("id").asText() + " " + f.get("package").asText());
            }
        });
        return ids;
    }

    @Test
    void anInvalidVexFileIsNamedOnOneLineAndTheScanGoesOnWithTheOthers() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("invalid"));
        Path bad = Files.writeString(work.resolve("bad.vex.json"), """
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x:1", "author": "a",
                 "timestamp": "2024-01-01T00:00:00Z", "version": 1,
                 "statements": [{"vulnerability": {"name": "CVE-2024-3651"}, "products": [{"@id": "pkg:pypi/idna@2.9"}],
                   "status": "not_affectd"}]}
                """);
        Path empty = Files.writeString(work.resolve("empty-ignore.yaml"), "ignore: []\n");

        int code = cli.run("scan", "--db", db.toString(), "--vex", bad.toString(), "--vex", vexByAlias(work).toString(),
                "--ignore-file", empty.toString(), "--format", "json", project.toString());

        // idna stays active (its statement was invalid) and still fails the gate; urllib3's statement applied
        assertThat(code).isEqualTo(1);
        assertThat(cli.err()).containsPattern(bad + ": not valid OpenVEX v0\\.2\\.0: /statements/0/status: [^\\n]+ \\[vex]");
        JsonNode json = mapper.readTree(cli.out());
        assertThat(finding(json, URLLIB3_CVE).get("ignored").asBoolean()).isTrue();
        assertThat(finding(json, IDNA_CVE).get("ignored").asBoolean()).isFalse();
        assertThat(json.get("errors").toString()).contains("bad.vex.json");
    }

    @Test
    void aMissingVexFileIsAUsageErrorAndAnEmptyExportFails() throws Exception {
        assertThat(cli.run("scan", "--db", db.toString(), "--vex", tmp.resolve("nope.json").toString(),
                project.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("No such VEX file");
        cli.clear();
        Path empty = Files.writeString(tmp.resolve("empty-ignore.yaml"), "ignore: []\n");
        Path target = tmp.resolve("never.vex.json");

        int code = cli.run("scan", "--db", db.toString(), "--ignore-file", empty.toString(), "--fail-on", "none",
                "--export-vex", target.toString(), project.toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("nothing to export");
        assertThat(target).doesNotExist();
    }
}
