package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.image.TestImages;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.testsupport.ChildCli;
import dev.bulwark.util.AppPaths;
import dev.bulwark.testsupport.CliRun;
import dev.bulwark.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --image / --image-archive / --rootfs} and {@code containers --scan} on the real test engine, against
 * the real PyPI advisories of ../shared/osv-db: the image's later layer replaces PyYAML 6.0 with 5.3.1
 * (CVE-2020-14343; PYSEC gives no CVSS, so its severity is unknown), and the finding names that layer.
 * {@code containers --scan} stores each image it scans once in the user's scan history (the GUI's).
 */
class ImageScanCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CVE = "CVE-2020-14343";

    @TempDir
    static Path tmp;
    private static Path db;
    private static TestImages.Built image;
    private static List<String> diffIds;

    @BeforeAll
    static void setUp() throws Exception {
        image = TestImages.multiLayer();
        db = tmp.resolve("db");
        CliRun imported = CliRun.of("db", "import", "--db", db.toString(),
                SharedData.osvDb().resolve("PyPI/all.zip").toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        diffIds = new ArrayList<>();
        JSON.readTree(TestImages.run(List.of("docker", "inspect", "--format", "{{json .RootFS.Layers}}", image.tag()),
                tmp)).forEach(n -> diffIds.add(n.asText()));
    }

    @Test
    void imageFromTheEngineHasTheFindingOfItsUpperLayerAndFailsOnHigh() throws Exception {
        CliRun run = CliRun.of("scan", "--db", db.toString(), "--image", image.tag(), "--format", "json");

        // Exit 1: Debian's own cryptography 38.0.4 in the image has CVE-2023-49083 (HIGH).
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("at or above --fail-on high");
        JsonNode report = JSON.readTree(run.out());
        assertThat(finding(report, "cryptography", "CVE-2023-49083").get("severity").asText()).isEqualTo("HIGH");
        JsonNode finding = finding(report, "pyyaml", CVE);
        assertThat(finding.get("version").asText()).isEqualTo(TestImages.PYYAML_VULNERABLE);
        JsonNode loc = finding.get("locations").get(0);
        assertThat(loc.get("file").asText()).endsWith("/PyYAML-5.3.1.dist-info/METADATA");
        assertThat(loc.get("layer").asText()).isEqualTo(diffIds.get(3));
        assertThat(loc.get("created_by").asText()).contains("COPY");
        // Every package names its file inside the image and its layer.
        assertThat(report.get("packages")).hasSizeGreaterThan(100).allSatisfy(p -> {
            assertThat(p.get("file").asText()).startsWith("/");
            assertThat(diffIds).contains(p.get("layer").asText());
        });
        assertThat(report.get("packages")).anySatisfy(p -> assertThat(p.get("ecosystem").asText()).startsWith("Debian:"));
        try (java.io.InputStream schema = getClass().getResourceAsStream(
                "/dev/bulwark/scan/report/scan-report.schema.json")) {
            assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(
                    com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(schema).validate(report)).isEmpty();
        }
    }

    @Test
    void theArchiveGivesTheSameReportAsTheEngine() throws Exception {
        CliRun engine = CliRun.of("scan", "--db", db.toString(), "--image", image.tag(), "--format", "json",
                "--fail-on", "none");
        CliRun archive = CliRun.of("scan", "--db", db.toString(), "--image-archive", image.archive().toString(),
                "--format", "json", "--fail-on", "none");

        assertThat(engine.code()).as(engine.err()).isZero();
        assertThat(archive.code()).as(archive.err()).isZero();
        assertThat(summary(JSON.readTree(archive.out()))).isEqualTo(summary(JSON.readTree(engine.out())));
    }

    @Test
    void ignoreFileAppliesToImagesToo() throws Exception {
        Path ignore = tmp.resolve("ignore.yaml");
        Files.writeString(ignore, "ignore:\n  - id: " + CVE + "\n    reason: test image only\n");
        CliRun run = CliRun.of("scan", "--db", db.toString(), "--image-archive", image.archive().toString(),
                "--format", "json", "--fail-on", "none", "--ignore-file", ignore.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(finding(JSON.readTree(run.out()), "pyyaml", CVE).get("ignored").asBoolean()).isTrue();
    }

    @Test
    void rootFileSystemFolderIsOnePseudoLayer() throws Exception {
        CliRun run = CliRun.of("scan", "--db", db.toString(), "--rootfs", image.rootfs().toString(), "--format",
                "json", "--fail-on", "none");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("packages")).anySatisfy(p -> {
            assertThat(p.get("name").asText()).isEqualTo("pyyaml");
            assertThat(p.get("version").asText()).isEqualTo("6.0");
            assertThat(p.get("layer").asText()).isEqualTo("rootfs");
        });
    }

    @Test
    void unreadableTargetsExitTwoWithOneLine() throws Exception {
        CliRun missing = CliRun.of("scan", "--db", db.toString(), "--image", "bulwark-test/absent:" + UUID.randomUUID());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot export image bulwark-test/absent");

        Path junk = Files.writeString(tmp.resolve("junk.tar"), "not a tar at all\n".repeat(100));
        CliRun broken = CliRun.of("scan", "--db", db.toString(), "--image-archive", junk.toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).contains("cannot read image archive " + junk);

        CliRun both = CliRun.of("scan", "--db", db.toString(), "--rootfs", tmp.toString(), "--image", "x");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("only one of");
    }

    @Test
    void containersScanGivesOneRowPerContainerAndScansEachImageOnce() throws Exception {
        String a = "bulwark-scan-a-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "bulwark-scan-b-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            for (String name : List.of(a, b)) {
                TestImages.run(List.of("docker", "run", "-d", "--name", name, image.tag(), "sleep", "300"), tmp);
            }
            // A child JVM with its own BULWARK_HOME: the scans are stored in that user's scan history.
            Path home = Files.createDirectories(tmp.resolve("home-" + UUID.randomUUID()));
            ChildCli cli = ChildCli.withHome(home);
            ChildCli.Result run = cli.run(Duration.ofMinutes(3), "containers", "--scan", "--db", db.toString(), "--json");

            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            List<JsonNode> ours = new ArrayList<>();
            JSON.readTree(run.out()).forEach(r -> {
                if (r.get("container").asText().equals(a) || r.get("container").asText().equals(b)) {
                    ours.add(r);
                }
            });
            assertThat(ours).hasSize(2).allSatisfy(r -> {
                assertThat(r.get("image").asText()).isEqualTo(image.tag());
                assertThat(r.get("packages").asInt()).isGreaterThan(100);
                // PyYAML's PYSEC record carries no CVSS (unknown severity); Debian's cryptography 38.0.4 has a HIGH
                // one (CVE-2023-49083), which trips --fail-on high.
                assertThat(r.get("vulnerabilities").get("unknown").asInt()).isPositive();
                assertThat(r.get("at_or_above_fail_on").asInt()).isPositive();
                // The database holds PyPI only: the other ecosystems are named as not checked, the image was read.
                assertThat(r.get("problem").asText()).doesNotContain("cannot read").contains("not checked");
            });
            assertThat(ours.get(0).get("image_id").asText()).isEqualTo(ours.get(1).get("image_id").asText())
                    .startsWith("sha256:");
            // Two containers on one image id: one scan, so one history entry, named by tag and engine.
            ScanHistory history = ScanHistory.of(AppPaths.under(home));
            String target = image.tag() + " (";
            List<ScanHistory.Entry> ofOurs = history.list().stream()
                    .filter(e -> e.roots().getFirst().startsWith(target)).toList();
            assertThat(ofOurs).singleElement().satisfies(e -> {
                assertThat(e.packages()).isEqualTo(ours.get(0).get("packages").asInt());
                assertThat(e.bySeverity().getOrDefault(Severity.UNKNOWN, 0))
                        .isEqualTo(ours.get(0).get("vulnerabilities").get("unknown").asInt());
            });
            assertThat(history.load(ofOurs.getFirst()).roots()).singleElement().asString().endsWith(")");

            ChildCli.Result table = cli.run(Duration.ofMinutes(3), "containers", "--scan", "--db", db.toString());
            assertThat(table.out()).contains("PACKAGES").contains(a).contains(b);
            assertThat(history.list().stream().filter(e -> e.roots().getFirst().startsWith(target)))
                    .as("each run is a scan of its own").hasSize(2);
        } finally {
            TestImages.run(List.of("docker", "rm", "-f", a, b), tmp);
        }
    }

    private static JsonNode finding(JsonNode report, String pkg, String id) {
        for (JsonNode f : report.get("findings")) {
            boolean ids = f.get("id").asText().equals(id);
            for (JsonNode alias : f.get("aliases")) {
                ids |= alias.asText().equals(id);
            }
            if (f.get("package").asText().equals(pkg) && ids) {
                return f;
            }
        }
        throw new AssertionError("no " + id + " finding for " + pkg + " in " + report.get("findings"));
    }

    private static Set<String> summary(JsonNode report) {
        Set<String> out = new TreeSet<>();
        report.get("packages").forEach(p -> out.add(p.get("ecosystem").asText() + " " + p.get("name").asText() + " "
                + p.get("version").asText() + " " + p.get("file").asText() + " " + p.get("layer").asText()));
        report.get("findings").forEach(f -> out.add("finding " + f.get("id").asText() + " " + f.get("package").asText()));
        return out;
    }
}
