package dev.bulwark.scan.vex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bulwark.testsupport.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * Every real published VEX document of {@code ../shared/vex} is read; each is validated against its official schema
 * independently of the reader (the OpenVEX schema from {@code ../shared/schemas}, CycloneDX's from
 * cyclonedx-core-java), and the reader's verdict is compared with that.
 */
class VexSharedDocumentsTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final VexReader reader = new VexReader();

    private static List<Path> docs(String dir) throws Exception {
        try (Stream<Path> s = Files.list(SharedData.root().resolve("vex").resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static JsonSchema officialOpenVexSchema() throws Exception {
        try (InputStream in = Files.newInputStream(SharedData.schema("openvex_json_schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void theBundledOpenVexSchemaIsTheOfficialText() throws Exception {
        byte[] official = Files.readAllBytes(SharedData.schema("openvex_json_schema.json"));
        try (InputStream in = OpenVexSchema.class.getResourceAsStream("openvex_json_schema.json")) {
            assertThat(in).isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(official);
        }
    }

    @Test
    void everyOpenVexDocumentIsReadAndItsSchemaVerdictMatches() throws Exception {
        JsonSchema schema = officialOpenVexSchema();
        List<Path> docs = docs("openvex");
        assertThat(docs).hasSizeGreaterThanOrEqualTo(6);
        for (Path p : docs) {
            Set<ValidationMessage> official = schema.validate(mapper.readTree(p.toFile()));
            ParsedDocument d = reader.read(p);
            assertThat(d.error()).as(p.toString()).isNull();
            assertThat(d.statements()).as(p.toString()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.products()).isNotEmpty());
            if (official.isEmpty()) {
                assertThat(d.warnings()).as(p.toString()).isEmpty();
            } else {
                // Only the documented leniency: go-vex's test documents omit the document timestamp and version.
                assertThat(official).as(p.toString()).allSatisfy(m -> assertThat(m.getProperty())
                        .isIn("timestamp", "version"));
                assertThat(d.warnings()).as(p.toString()).hasSize(official.size());
            }
        }
    }

    @Test
    void openVexFieldsAreReadFromTheRealDocuments() throws Exception {
        Path root = SharedData.root().resolve("vex/openvex");
        ParsedDocument alpine = reader.read(root.resolve("go-vex-v0.2.0.json"));
        assertThat(alpine.statements()).hasSize(5);
        VexStatement notAffected = alpine.statements().get(3);
        assertThat(notAffected.vulnerability()).isEqualTo("CVE-2023-3446");
        assertThat(notAffected.status()).isEqualTo(VexStatus.NOT_AFFECTED);
        assertThat(notAffected.justification()).isEqualTo("vulnerable_code_not_present");
        assertThat(notAffected.impactStatement()).isEqualTo("affected functions were removed before packaging");
        assertThat(notAffected.products()).contains("pkg:apk/alpine/libssl3@3.0.8-r3",
                "pkg:apk/alpine/libcrypto3@3.0.8-r3");
        assertThat(notAffected.timestamp()).hasToString("2023-07-18T00:28:47.696004345Z");
        assertThat(notAffected.source().documentId()).startsWith("https://openvex.dev/docs/public/vex-d4e9020b");

        ParsedDocument demo = reader.read(root.resolve("vexctl-demo.vex.json"));
        assertThat(demo.statements().getFirst().status()).isEqualTo(VexStatus.FIXED);
        assertThat(demo.statements().getFirst().products()).hasSize(2);
    }

    @Test
    void laterStatementWinsAcrossTheTwoVexctlDocuments() throws Exception {
        Path root = SharedData.root().resolve("vex/openvex");
        // document2 (fixed, 05:06:38) is later than document1 (under_investigation, 05:04:34): given in either order
        for (List<String> order : List.of(List.of("vexctl-document1.vex.json", "vexctl-document2.vex.json"),
                List.of("vexctl-document2.vex.json", "vexctl-document1.vex.json"))) {
            VexReader.Loaded loaded = reader.load(order.stream().map(root::resolve).toList());
            assertThat(loaded.errors()).isEmpty();
            var winner = new VexPolicy(loaded.statements())
                    .decide(List.of("GHSA-none", "cve-1234-5678"), PurlKey.parse("pkg:apk/wolfi/bash@1.0.0").orElseThrow())
                    .orElseThrow();
            assertThat(winner.statement().status()).as(order.toString()).isEqualTo(VexStatus.FIXED);
            assertThat(winner.matchedId()).isEqualTo("cve-1234-5678");
            assertThat(new VexPolicy(loaded.statements()).decide(List.of("CVE-1234-5678"),
                    PurlKey.parse("pkg:apk/wolfi/bash@1.0.1").orElseThrow())).as("other version").isEmpty();
        }
    }

    @Test
    void everyCycloneDxDocumentIsValidatedAndVexDocumentsYieldStatements() throws Exception {
        List<Path> docs = docs("cyclonedx");
        assertThat(docs).hasSizeGreaterThanOrEqualTo(39);
        int vexDocs = 0;
        for (Path p : docs) {
            JsonNode json = mapper.readTree(p.toFile());
            Version v = Version.fromVersionString(json.get("specVersion").asText());
            assertThat(new JsonParser().validate(Files.readAllBytes(p), v)).as(p.toString()).isEmpty();
            ParsedDocument d = reader.read(p);
            if (json.path("vulnerabilities").isEmpty()) {
                assertThat(d.error()).as(p.toString()).contains("/vulnerabilities").contains("not a VEX");
                continue;
            }
            vexDocs++;
            assertThat(d.error()).as(p.toString()).isNull();
            assertThat(d.statements()).as(p.toString()).isNotEmpty();
        }
        assertThat(vexDocs).isGreaterThanOrEqualTo(25);
    }

    @Test
    void cycloneDxBomLinkToAPurlResolvesAndReferencesBecomeAliases() throws Exception {
        ParsedDocument d = reader.read(SharedData.root().resolve("vex/cyclonedx/vex.json"));
        VexStatement s = d.statements().getFirst();
        assertThat(s.vulnerabilityIds()).containsExactly("CVE-2020-25649", "SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302");
        assertThat(s.products()).containsExactly("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar");
        assertThat(s.status()).isEqualTo(VexStatus.NOT_AFFECTED);
        assertThat(s.justification()).isEqualTo("code_not_reachable");
        assertThat(s.impactStatement()).startsWith("Automated dataflow analysis");
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void productLevelCycloneDxStatementsWithoutPurlAreNotAppliedAndSaySo() throws Exception {
        ParsedDocument d = reader.read(SharedData.root().resolve("vex/cyclonedx/CISA-Use-Cases_Case-1_vex-not_affected.json"));
        assertThat(d.statements()).singleElement().satisfies(s -> {
            assertThat(s.products()).isEmpty();
            assertThat(s.justification()).isEqualTo("code_not_present");
        });
        assertThat(d.warnings()).singleElement().asString().contains("1 of 1 affect no package purl")
                .contains("product-ABC");
    }
}
