package dev.bulwark.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bulwark.testsupport.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {
    /** The official OASIS SARIF 2.1.0 schema (errata 01), read from {@code ../shared/schemas}. */
    static final String SARIF_SCHEMA = "shared:sarif-schema-2.1.0.json";
    private final ObjectMapper mapper = new ObjectMapper();
    @TempDir
    Path tmp;
    private ScanReport report;

    @BeforeEach
    void scan() throws Exception {
        report = ReportFixtures.sample(tmp);
    }

    private String render(ReportFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.newWriter().write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static Set<ValidationMessage> validate(String schemaResource, SpecVersion.VersionFlag version, JsonNode doc)
            throws Exception {
        try (InputStream in = open(schemaResource)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(version).getSchema(in);
            return schema.validate(doc);
        }
    }

    @Test
    void sampleReportHasTheExpectedShape() {
        assertThat(report.findings()).extracting(f -> f.id()).contains("CVE-2018-18074", "CVE-2019-10906",
                "CVE-2022-42969", "CVE-2099-0001", "RUSTSEC-2016-0004", "CVE-2022-41721");
        assertThat(report.findings()).filteredOn(f -> f.id().equals("CVE-2019-10906"))
                .singleElement().satisfies(f -> assertThat(f.isIgnored()).isTrue());
        assertThat(report.findings()).filteredOn(f -> f.id().equals("CVE-2022-41721"))
                .singleElement().satisfies(f -> assertThat(f.firstFixed()).isEqualTo("v0.1.1-0.20221104162952-702349b0e862"));
    }

    @Test
    void jsonReportValidatesAgainstItsDocumentedSchema() throws Exception {
        JsonNode json = mapper.readTree(render(ReportFormat.JSON));

        assertThat(validate("/dev/bulwark/scan/report/scan-report.schema.json", SpecVersion.VersionFlag.V202012, json))
                .isEmpty();
        JsonNode requests = findById(json, "CVE-2018-18074");
        assertThat(requests.get("package").asText()).isEqualTo("requests");
        assertThat(requests.get("file").asText()).isEqualTo("app dir/requirements.txt");
        assertThat(requests.get("line").asInt()).isEqualTo(4);
        assertThat(requests.get("aliases")).extracting(JsonNode::asText)
                .containsExactly("GHSA-x84v-xcm2-53pg", "PYSEC-2018-28");
        assertThat(requests.get("fixed_versions").get(0).asText()).isEqualTo("2.20.0");
        assertThat(requests.get("backends").get(0).asText()).isEqualTo("osv-offline");
        assertThat(findById(json, "RUSTSEC-2016-0004").get("informational").asBoolean()).isTrue();
        assertThat(json.get("unpinned").get(0).get("name").asText()).isEqualTo("flask");
        assertThat(json.get("database")).anySatisfy(d -> assertThat(d.get("ecosystem").asText()).isEqualTo("PyPI"));
        assertThat(json.get("duration_ms").asLong()).isNotNegative();
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchemaAndPointsAtFileAndLine() throws Exception {
        JsonNode sarif = mapper.readTree(render(ReportFormat.SARIF));

        assertThat(validate(SARIF_SCHEMA, SpecVersion.VersionFlag.V4, sarif)).isEmpty();
        assertThat(sarif.get("$schema").asText()).isEqualTo(officialSchema().get("id").asText());
        JsonNode results = sarif.get("runs").get(0).get("results");
        JsonNode requests = null;
        for (JsonNode r : results) {
            if (r.get("ruleId").asText().equals("CVE-2018-18074")) {
                requests = r;
            }
        }
        assertThat(requests).isNotNull();
        JsonNode phys = requests.get("locations").get(0).get("physicalLocation");
        assertThat(phys.get("artifactLocation").get("uri").asText()).isEqualTo("app%20dir/requirements.txt");
        assertThat(phys.get("region").get("startLine").asInt()).isEqualTo(4);
        assertThat(results).anySatisfy(r -> assertThat(r.has("suppressions")).isTrue());
    }

    @Test
    void sarifWithASourceRootDeclaresItForRelativePaths() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifReportWriter(tmp).write(report, out);
        JsonNode sarif = mapper.readTree(out.toByteArray());

        assertThat(validate(SARIF_SCHEMA, SpecVersion.VersionFlag.V4, sarif)).isEmpty();
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText())
                .isEqualTo(tmp.toUri().toString().endsWith("/") ? tmp.toUri().toString() : tmp.toUri() + "/");
        assertThat(run.get("results").get(0).get("locations").get(0).get("physicalLocation").get("artifactLocation")
                .get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
    }

    @Test
    void cycloneDxIsValid16WithVulnerabilities() throws Exception {
        byte[] bytes = render(ReportFormat.CYCLONEDX).getBytes(StandardCharsets.UTF_8);

        List<?> problems = new JsonParser().validate(bytes, org.cyclonedx.Version.VERSION_16);

        assertThat(problems).isEmpty();
        JsonNode bom = mapper.readTree(bytes);
        assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.get("components")).anySatisfy(c ->
                assertThat(c.get("purl").asText()).isEqualTo("pkg:pypi/requests@2.19.0"));
        assertThat(bom.get("vulnerabilities")).anySatisfy(v -> {
            assertThat(v.get("id").asText()).isEqualTo("CVE-2018-18074");
            assertThat(v.get("affects").get(0).get("ref").asText()).isEqualTo("PyPI/requests@2.19.0");
        });
    }

    @Test
    void htmlIsSelfContainedAndNoAdvisoryTextCanRunScript() throws Exception {
        String html = render(ReportFormat.HTML);

        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
                .doesNotContain("javascript:").contains("&lt;script&gt;")
                .contains("Content-Security-Policy").contains("script-src 'none'")
                .doesNotContainPattern("(?i)<link|src=\"http");
        assertThat(html).contains("CVE-2018-18074").contains("no fix");
    }

    @Test
    void csvNeutralisesFormulasAndQuotes() throws Exception {
        String csv = render(ReportFormat.CSV);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("ecosystem,package,version,file,line,id");
        assertThat(csv).doesNotContain(",=HYPERLINK").contains("\"<script>alert('x')</script>");
        assertThat(CsvReportWriter.cell("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(CsvReportWriter.cell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
    }

    @Test
    void markdownAndTableEscapeUntrustedText() throws Exception {
        String md = render(ReportFormat.MARKDOWN);
        assertThat(md).doesNotContain("<script").contains("\\|").contains("## Vulnerabilities");
        // manifests have no image layer: no empty column
        assertThat(md).doesNotContain("| Layer |");
        assertThat(render(ReportFormat.HTML)).doesNotContain("Image layer");
        String table = render(ReportFormat.TABLE);
        assertThat(table).doesNotContain("\u001b").contains("CVE-2018-18074").contains("Unpinned").doesNotContain("↳");
    }

    @Test
    void theValidatorsThemselvesRejectBrokenDocuments() throws Exception {
        var sarif = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(render(ReportFormat.SARIF));
        sarif.put("version", "9.9");
        assertThat(validate(SARIF_SCHEMA, SpecVersion.VersionFlag.V4, sarif)).isNotEmpty();
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(render(ReportFormat.JSON));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("findings").get(0)).put("severity", "SEVERE");
        assertThat(validate("/dev/bulwark/scan/report/scan-report.schema.json", SpecVersion.VersionFlag.V202012, json))
                .isNotEmpty();
        String bom = render(ReportFormat.CYCLONEDX).replace("\"specVersion\" : \"1.6\"", "\"specVersion\" : 1.6");
        assertThat(new JsonParser().validate(bom.getBytes(StandardCharsets.UTF_8), org.cyclonedx.Version.VERSION_16))
                .isNotEmpty();
    }

    @Test
    void theBundledSarifSchemaIsTheOfficialOasisErrata01Text() throws Exception {
        JsonNode schema = officialSchema();

        assertThat(schema.get("id").asText()).isEqualTo(SarifReportWriter.SCHEMA_URI).contains("/errata01/");
        assertThat(schema.get("title").asText())
                .isEqualTo("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema");
        assertThat(schema.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-04/schema#");
    }

    private JsonNode officialSchema() throws Exception {
        try (InputStream in = open(SARIF_SCHEMA)) {
            return mapper.readTree(in);
        }
    }

    /** A schema: {@link #SARIF_SCHEMA} comes from {@code ../shared/schemas}, the project's own from the class path. */
    private static InputStream open(String schema) throws Exception {
        if (schema.equals(SARIF_SCHEMA)) {
            return Files.newInputStream(SharedData.schema("sarif-schema-2.1.0.json"));
        }
        return ReportWritersTest.class.getResourceAsStream(schema);
    }

    private static JsonNode findById(JsonNode json, String id) {
        for (JsonNode f : json.get("findings")) {
            if (f.get("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + id);
    }
}
