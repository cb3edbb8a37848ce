package dev.bulwark.scan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scan.match.Advisory;
import dev.bulwark.scan.match.AdvisoryHit;
import dev.bulwark.scan.match.AffectedEvaluator;
import dev.bulwark.scan.match.VersionOrder;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import dev.bulwark.scan.osv.OsvJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pip-audit and osv-scanner: their recorded JSON parsed, and real processes run through fake executables. */
class ExternalToolBackendsTest {
    @TempDir
    Path tmp;
    private final PackageRef requests = new PackageRef(Ecosystem.PYPI, "requests", "2.19.0",
            Path.of("requirements.txt"), 3, Relationship.DIRECT, false);
    private final PackageRef xnet = new PackageRef(Ecosystem.GO, "golang.org/x/net", "v0.1.0", Path.of("go.mod"), 5,
            Relationship.DIRECT, false);

    private static String resource(String name) throws IOException {
        try (InputStream in = ExternalToolBackendsTest.class.getResourceAsStream("/backend/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path fakeTool(String name, String script) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path exe = bin.resolve(name);
        Files.writeString(exe, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /** The fake first, then the system PATH so /bin/sh finds cat, sleep... */
    private static String withSystemPath(Path bin) {
        return bin + java.io.File.pathSeparator + System.getenv("PATH");
    }

    @Test
    void parsesPipAuditJson() throws IOException {
        var backend = new PipAuditBackend(new ExternalTool("pip-audit", "", Duration.ofSeconds(5)), OsvJson.newMapper(), tmp);

        BackendResult r = backend.parse(resource("pip-audit.json"), List.of(requests));

        assertThat(r.hits()).extracting(h -> h.advisory().id()).containsExactly("PYSEC-2018-28", "GHSA-j8r2-6x86-q33q");
        Advisory first = r.hits().getFirst().advisory();
        assertThat(first.aliases()).contains("CVE-2018-18074");
        assertThat(first.fixedVersions()).containsExactly("2.20.0");
        assertThat(r.hits()).allSatisfy(h -> assertThat(h.pkg()).isEqualTo(requests));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("my-local-pkg"));
    }

    @Test
    void runsPipAuditFromPathWithAPinnedRequirementsFile() throws Exception {
        Path out = tmp.resolve("args.txt");
        Path json = Files.writeString(tmp.resolve("canned.json"), resource("pip-audit.json"));
        // The fake records its arguments and the requirements it was given, then prints the recorded output.
        Path bin = fakeTool("pip-audit", "echo \"$@\" > " + out + "\ncat \"$2\" >> " + out + "\ncat " + json + "\nexit 1\n");
        var backend = new PipAuditBackend(new ExternalTool("pip-audit", withSystemPath(bin), Duration.ofSeconds(20)),
                OsvJson.newMapper(), tmp.resolve("work"));

        assertThat(backend.unavailableReason()).isEmpty();
        BackendResult r = backend.query(List.of(requests, xnet));

        assertThat(r.hits()).hasSize(2);
        String args = Files.readString(out);
        assertThat(args).contains("--format json").contains("--no-deps").contains("--disable-pip")
                .contains("requests==2.19.0").doesNotContain("golang");
    }

    @Test
    void missingToolsAreReportedAsNotFound() {
        var pip = new PipAuditBackend(new ExternalTool("pip-audit", tmp.toString(), Duration.ofSeconds(1)),
                OsvJson.newMapper(), tmp);
        var osv = new OsvScannerBackend(new ExternalTool("osv-scanner", tmp.toString(), Duration.ofSeconds(1)),
                OsvJson.newMapper(), new AffectedEvaluator(new VersionOrder()));
        assertThat(pip.unavailableReason()).contains("pip-audit not found on PATH");
        assertThat(osv.unavailableReason()).contains("osv-scanner not found on PATH");
    }

    @Test
    void parsesOsvScannerJsonAndMatchesItsRecordsWithOurEvaluator() throws IOException {
        var backend = new OsvScannerBackend(new ExternalTool("osv-scanner", "", Duration.ofSeconds(1)),
                OsvJson.newMapper(), new AffectedEvaluator(new VersionOrder()));

        BackendResult r = backend.parse(resource("osv-scanner.json"), List.of(requests, xnet));

        assertThat(r.hits()).extracting(h -> h.pkg().name(), h -> h.advisory().id()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("requests", "PYSEC-2018-28"),
                org.assertj.core.groups.Tuple.tuple("golang.org/x/net", "GO-2022-1144"));
        AdvisoryHit go = r.hits().get(1);
        assertThat(go.advisory().fixedVersions()).containsExactly("v0.4.0");
        assertThat(go.backend()).isEqualTo("osv-scanner");
    }

    @Test
    void runsOsvScannerPerManifestAndReportsGarbageOutput() throws Exception {
        Path json = Files.writeString(tmp.resolve("canned.json"), resource("osv-scanner.json"));
        Path bin = fakeTool("osv-scanner", "case \"$4\" in *go.mod) echo 'panic: oops' >&2; exit 127;; esac\ncat " + json + "\nexit 1\n");
        var backend = new OsvScannerBackend(new ExternalTool("osv-scanner", withSystemPath(bin), Duration.ofSeconds(20)),
                OsvJson.newMapper(), new AffectedEvaluator(new VersionOrder()));

        BackendResult r = backend.query(List.of(requests, xnet));

        assertThat(r.hits()).extracting(h -> h.advisory().id()).contains("PYSEC-2018-28");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(Path.of("go.mod"));
            assertThat(e.message()).contains("exited 127").contains("panic: oops");
        });
    }

    @Test
    void aHangingToolIsKilledAtItsTimeout() throws Exception {
        Path bin = fakeTool("pip-audit", "sleep 30\n");
        var backend = new PipAuditBackend(new ExternalTool("pip-audit", withSystemPath(bin), Duration.ofMillis(300)),
                OsvJson.newMapper(), tmp.resolve("work"));
        assertThatThrownBy(() -> backend.query(List.of(requests))).hasMessageContaining("did not finish");
    }
}
