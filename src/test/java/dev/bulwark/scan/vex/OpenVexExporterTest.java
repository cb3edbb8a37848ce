package dev.bulwark.scan.vex;

import static dev.bulwark.scan.vex.VexFixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Ignore;
import dev.bulwark.scan.match.VexSuppression;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.report.ScanCoverage;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.testsupport.ManualClock;
import dev.bulwark.testsupport.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenVexExporterTest {
    @TempDir
    Path tmp;
    private final ObjectMapper mapper = new ObjectMapper();

    private static ScanReport report(List<Finding> findings) {
        return new ScanReport(Instant.parse("2026-01-01T00:00:00Z"), 1, List.of("."), findings, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), new ScanCoverage(1, 1));
    }

    private static List<Finding> decisions() {
        Finding cdx = finding(Ecosystem.NPM, "@scope/pkg", "1.0.0", "GHSA-aaaa-bbbb-cccc", "CVE-2024-0001")
                .withIgnore(new Ignore("CVE-2024-0001", "r", null, new VexSuppression("urn:uuid:1", "a.cdx.json",
                        "CycloneDX", "not_affected", "requires_environment", null, "pkg:npm/%40scope/pkg@1.0.0",
                        Instant.parse("2025-01-01T00:00:00Z"))));
        Finding accepted = finding(Ecosystem.PYPI, "requests", "2.19.0", "CVE-2018-18074", "PYSEC-2018-28")
                .withIgnore(new Ignore("PYSEC-2018-28", "internal hosts only", LocalDate.parse("2026-12-31")));
        Finding active = finding(Ecosystem.PYPI, "jinja2", "2.10", "CVE-2019-10906");
        return List.of(cdx, accepted, active);
    }

    @Test
    void theExportIsValidOpenVexWithAStableIdAndCarriesEveryDecision() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-02-01T10:00:00Z"));
        OpenVexExporter exporter = new OpenVexExporter(clock);
        Path target = tmp.resolve("out.vex.json");

        OpenVexExporter.Export e = exporter.write(report(decisions()), "Ops", target);

        JsonNode doc = mapper.readTree(target.toFile());
        try (InputStream in = Files.newInputStream(SharedData.schema("openvex_json_schema.json"))) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in).validate(doc))
                    .isEmpty();
        }
        assertThat(e.statements()).isEqualTo(2);
        assertThat(e.findings()).isEqualTo(2);
        JsonNode cdx = doc.at("/statements/1"); // sorted by vulnerability
        assertThat(cdx.at("/vulnerability/name").asText()).isEqualTo("GHSA-aaaa-bbbb-cccc");
        assertThat(cdx.at("/vulnerability/aliases/0").asText()).isEqualTo("CVE-2024-0001");
        assertThat(cdx.at("/products/0/@id").asText()).isEqualTo("pkg:npm/%40scope/pkg@1.0.0");
        // requires_environment has no OpenVEX equivalent: kept in words, not as an invalid enum value
        assertThat(cdx.has("justification")).isFalse();
        assertThat(cdx.get("impact_statement").asText()).contains("requires_environment");
        JsonNode accepted = doc.at("/statements/0");
        assertThat(accepted.get("status").asText()).isEqualTo("not_affected");
        assertThat(accepted.get("impact_statement").asText()).contains("internal hosts only", "2026-12-31");

        clock.advance(java.time.Duration.ofDays(3));
        JsonNode later = new OpenVexExporter(clock).export(report(decisions().reversed()), "Ops").document();
        assertThat(later.get("@id")).isEqualTo(doc.get("@id"));
        assertThat(later.get("timestamp")).isNotEqualTo(doc.get("timestamp"));
    }

    @Test
    void nothingIgnoredIsRefusedAndAnAuthorIsRequired() {
        OpenVexExporter exporter = new OpenVexExporter(new ManualClock(Instant.EPOCH));
        List<Finding> active = List.of(finding(Ecosystem.PYPI, "jinja2", "2.10", "CVE-2019-10906"));

        assertThatThrownBy(() -> exporter.export(report(active), "Ops")).hasMessageContaining("nothing to export");
        assertThatThrownBy(() -> exporter.export(report(decisions()), " ")).hasMessageContaining("author");
    }
}
