package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.image.TestImages;
import dev.bulwark.testsupport.CliRun;
import dev.bulwark.testsupport.Requirements;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian advisories: no Debian OSV dump can be had here, so a {@code Debian/all.zip} in OSV's format is written
 * around this machine's real glibc source version, imported like any dump, and matched against a root file system
 * holding the real dpkg database: only the advisory for this release whose fix is newer than the installed version
 * matches (Debian ordering, release qualifier).
 */
class DebianAdvisoryScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void onlyTheAdvisoryOfThisReleaseWithANewerFixMatches() throws Exception {
        if (!Files.isRegularFile(Path.of("/var/lib/dpkg/status"))) {
            Requirements.missing("/var/lib/dpkg/status not found (a Debian machine is needed)");
        }
        String[] glibc = TestImages.run(List.of("dpkg-query", "-W", "-f", "${source:Package} ${source:Version}",
                "libc6"), tmp).trim().split(" ");
        String release = Files.readAllLines(Path.of("/etc/os-release")).stream()
                .filter(l -> l.startsWith("VERSION_ID=")).map(l -> l.substring(11).replace("\"", ""))
                .findFirst().orElseThrow().split("\\.")[0];
        String other = String.valueOf(Integer.parseInt(release) - 1);
        Path dump = Files.createDirectories(tmp.resolve("Debian")).resolve("all.zip");
        try (OutputStream os = Files.newOutputStream(dump); ZipOutputStream zip = new ZipOutputStream(os)) {
            record(zip, "DEBIAN-TEST-NEWER", "Debian:" + release, glibc[0], glibc[1] + "+bulwark1");
            record(zip, "DEBIAN-TEST-FIXED", "Debian:" + release, glibc[0], glibc[1]);
            record(zip, "DEBIAN-TEST-OTHER-RELEASE", "Debian:" + other, glibc[0], "99:1");
        }
        Path db = tmp.resolve("db");
        CliRun imported = CliRun.of("db", "import", "--db", db.toString(), dump.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Debian");

        Path rootfs = Files.createDirectories(tmp.resolve("rootfs/var/lib/dpkg"));
        Files.copy(Path.of("/var/lib/dpkg/status"), rootfs.resolve("status"));
        Files.createDirectories(tmp.resolve("rootfs/etc"));
        Files.copy(Path.of("/etc/os-release").toRealPath(), tmp.resolve("rootfs/etc/os-release"));
        CliRun run = CliRun.of("scan", "--db", db.toString(), "--rootfs", tmp.resolve("rootfs").toString(),
                "--format", "json");

        assertThat(run.code()).as(run.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        List<String> ids = new ArrayList<>();
        report.get("findings").forEach(f -> ids.add(f.get("id").asText() + " " + f.get("package").asText() + " "
                + f.get("version").asText()));
        assertThat(ids).containsExactly("DEBIAN-TEST-NEWER " + glibc[0] + " " + glibc[1]);
        assertThat(report.get("findings").get(0).get("first_fixed").asText()).isEqualTo(glibc[1] + "+bulwark1");
    }

    private static void record(ZipOutputStream zip, String id, String ecosystem, String name, String fixed)
            throws Exception {
        String json = """
                {"id": "%s", "modified": "2026-01-01T00:00:00Z", "summary": "test advisory",
                 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                 "affected": [{"package": {"ecosystem": "%s", "name": "%s"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}
                """.formatted(id, ecosystem, name, fixed);
        zip.putNextEntry(new ZipEntry(id + ".json"));
        zip.write(json.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
