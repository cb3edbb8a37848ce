package dev.bulwark.scan.report;

import static dev.bulwark.scan.report.ReportFixtures.LAYER;
import static dev.bulwark.scan.report.ReportFixtures.PIP_CREATED_BY;
import static dev.bulwark.scan.report.ReportFixtures.PIP_LAYER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SpecVersion;
import dev.bulwark.scan.model.ImageOrigin;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every report format names the image layer (digest and history command) that introduced a vulnerable package. */
class ImageReportWritersTest {
    private static final String PIP_SHORT = "sha256:9a1b2c3d4e5f";
    private static final String PIP_COMMAND = "RUN pip install requests==2.19.0";
    private static ScanReport report;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void scan(@TempDir Path tmp) throws Exception {
        report = ReportFixtures.imageSample(tmp);
    }

    private static String render(ReportFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.newWriter().write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theOriginLineIsTidiedOnceForEveryHumanFormat() {
        assertThat(ReportText.origin(new ImageOrigin(PIP_LAYER, PIP_CREATED_BY, null), true))
                .isEqualTo("layer " + PIP_SHORT + " · " + PIP_COMMAND);
        assertThat(ReportText.origin(new ImageOrigin(LAYER, "/bin/sh -c #(nop)  CMD [\"sh\"]", "libssl3 3.0.11"), false))
                .isEqualTo("layer " + LAYER + " · installed libssl3 3.0.11 · CMD [\"sh\"]");
        assertThat(ReportText.origin(new ImageOrigin("rootfs", null, null), true)).isEqualTo("layer rootfs");
        assertThat(ReportText.origin(null, true)).isEmpty();
    }

    @Test
    void tableShowsTheLayerUnderTheFindingWithoutControlCharacters() throws Exception {
        String table = render(ReportFormat.TABLE);

        List<String> lines = table.lines().toList();
        int row = indexOf(lines, "CVE-2018-18074");
        assertThat(lines.get(row + 1)).contains("↳ layer " + PIP_SHORT + " · " + PIP_COMMAND)
                .doesNotContain(PIP_LAYER);
        assertThat(table).contains("installed evil-pkg-bin 1.0.0").doesNotContain("\u001b");
    }

    @Test
    void markdownAndHtmlHaveALayerColumn() throws Exception {
        String md = render(ReportFormat.MARKDOWN);
        assertThat(md).contains("| Where | Layer |").contains("layer " + PIP_LAYER + " · " + PIP_COMMAND)
                .doesNotContain("<script");
        String html = render(ReportFormat.HTML);
        assertThat(html).contains("<th>Image layer</th>").contains("layer " + PIP_LAYER + " · " + PIP_COMMAND)
                .doesNotContainIgnoringCase("<script").contains("&lt;script&gt;");

    }

    @Test
    void csvHasLayerCreatedByAndInstalledColumns() throws Exception {
        List<String> lines = render(ReportFormat.CSV).lines().toList();
        assertThat(lines.getFirst()).endsWith(",layer,created_by,installed");
        String requests = lines.stream().filter(l -> l.contains("CVE-2018-18074")).findFirst().orElseThrow();
        assertThat(requests).endsWith("," + PIP_LAYER + "," + PIP_CREATED_BY + ",");
        String evil = lines.stream().filter(l -> l.contains("CVE-2099-0001")).findFirst().orElseThrow();
        assertThat(evil).contains("," + LAYER + ",").endsWith(",evil-pkg-bin 1.0.0");
    }

    @Test
    void sarifCarriesTheLayerAsLogicalLocationAndPropertiesAndStaysValid() throws Exception {
        JsonNode sarif = mapper.readTree(render(ReportFormat.SARIF));

        assertThat(ReportWritersTest.validate(ReportWritersTest.SARIF_SCHEMA, SpecVersion.VersionFlag.V4, sarif))
                .isEmpty();
        JsonNode requests = null;
        for (JsonNode r : sarif.get("runs").get(0).get("results")) {
            if (r.get("ruleId").asText().equals("CVE-2018-18074")) {
                requests = r;
            }
        }
        assertThat(requests).isNotNull();
        JsonNode loc = requests.get("locations").get(0);
        assertThat(loc.get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("app%20dir/requirements.txt");
        assertThat(loc.get("logicalLocations").get(0).get("name").asText()).isEqualTo(PIP_LAYER);
        assertThat(loc.get("logicalLocations").get(0).get("kind").asText()).isEqualTo("module");
        assertThat(loc.get("properties").get("layer").asText()).isEqualTo(PIP_LAYER);
        assertThat(loc.get("properties").get("createdBy").asText()).isEqualTo(PIP_CREATED_BY);
        assertThat(requests.get("message").get("text").asText()).contains("introduced by layer " + PIP_LAYER);
    }

    @Test
    void cycloneDxComponentsCarryLayerProperties() throws Exception {
        byte[] bytes = render(ReportFormat.CYCLONEDX).getBytes(StandardCharsets.UTF_8);

        assertThat(new org.cyclonedx.parsers.JsonParser().validate(bytes, org.cyclonedx.Version.VERSION_16)).isEmpty();
        JsonNode requests = null;
        for (JsonNode c : mapper.readTree(bytes).get("components")) {
            if (c.get("name").asText().equals("requests")) {
                requests = c;
            }
        }
        assertThat(requests).isNotNull();
        List<String> props = new ArrayList<>();
        requests.get("properties").forEach(p -> props.add(p.get("name").asText() + "=" + p.get("value").asText()));
        assertThat(props).containsExactly("bulwark:layer=" + PIP_LAYER, "bulwark:created_by=" + PIP_CREATED_BY);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text);
    }
}
