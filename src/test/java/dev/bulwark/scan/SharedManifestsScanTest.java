package dev.bulwark.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on real data: the real OSV dumps imported, the real manifests of {@code ../shared/manifests}
 * parsed and scanned. Expected counts come from the reference matcher in SOURCES.md.
 */
class SharedManifestsScanTest {
    @TempDir
    static Path tmp;
    private static AdvisoryDatabase database;

    @BeforeAll
    static void importRealDumps() throws IOException, InterruptedException {
        Path osv = SharedData.osvDb();
        database = new AdvisoryDatabase(tmp.resolve("db"), Clock.systemUTC(), Duration.ofDays(3650));
        var r = database.importDumps(List.of(osv.resolve("PyPI/all.zip"), osv.resolve("Go/all.zip"),
                osv.resolve("crates.io/all.zip"), osv.resolve("GHSA-sample")));
        assertThat(r.refused()).isEmpty();
    }

    /** Copies a shared manifest under its original file name into its own folder. */
    private static Path manifest(String sharedName) throws IOException {
        Path src;
        try (Stream<Path> s = Files.list(SharedData.manifests())) {
            src = s.filter(p -> p.getFileName().toString().contains(sharedName)).findFirst().orElseThrow();
        }
        String original = src.getFileName().toString().replaceFirst("^[^_]+_[^_]+_[0-9a-f]{12}_", "");
        Path dir = Files.createDirectories(tmp.resolve(sharedName));
        return Files.copy(src, dir.resolve(original), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static ScanReport scan(String sharedName) throws IOException {
        Path file = manifest(sharedName);
        ScanOptions options = new ScanOptions(Set.of(ScanOptions.OFFLINE), null, tmp.resolve("cache"), "",
                Duration.ofSeconds(10), null, FailOn.HIGH, false, null);
        try (ScanSession session = new ScanSession(database, options, new ManifestScanner())) {
            return session.scan(List.of(file), p -> { });
        }
    }

    private static long count(ScanReport r, Severity s) {
        return r.vulnerabilities().stream().filter(f -> f.severity().rating() == s).count();
    }

    @Test
    void bluebuttonRequirements() throws IOException {
        ScanReport r = scan("bluebutton");
        assertThat(r.vulnerabilities()).hasSize(16);
        assertThat(count(r, Severity.HIGH)).isEqualTo(2);
        assertThat(count(r, Severity.MEDIUM)).isEqualTo(1);
        assertThat(r.vulnerabilities()).allSatisfy(f -> assertThat(f.primaryLocation().line()).isPositive());
    }

    @Test
    void pythonLockfilesMatchTheReference() throws IOException {
        assertThat(scan("certbot").vulnerabilities()).hasSize(14);
        assertThat(scan("Pipfile.lock").vulnerabilities()).hasSize(20);
        ScanReport poetry = scan("poetry.lock");
        assertThat(poetry.vulnerabilities()).extracting(Finding::packageName).containsExactlyInAnyOrder("fastapi", "idna");
        assertThat(scan("uv.lock").vulnerabilities()).isEmpty();
    }

    @Test
    void goModIncludingStdlibFromTheGoDirective() throws IOException {
        ScanReport r = scan("go-clean-arch");
        assertThat(r.vulnerabilities()).hasSize(35 + 88);
        assertThat(r.vulnerabilities().stream().filter(f -> f.packageName().equals("stdlib")).count()).isEqualTo(88);
        assertThat(r.vulnerabilities()).allSatisfy(f -> assertThat(f.severity().rating()).isEqualTo(Severity.UNKNOWN));
    }

    @Test
    void cargoLockSeparatesInformationalAdvisories() throws IOException {
        ScanReport r = scan("Cargo.lock");
        assertThat(r.vulnerabilities()).hasSize(16);
        assertThat(r.informational()).hasSize(8);
        assertThat(r.vulnerabilities()).filteredOn(f -> f.packageName().equals("openssl-src")).hasSize(12)
                .anySatisfy(f -> {
                    assertThat(f.id()).isEqualTo("CVE-2021-3711");
                    assertThat(f.severity().rating()).isEqualTo(Severity.CRITICAL);
                });
    }

    @Test
    void cycloneDxSbomAndYarnLock() throws IOException {
        assertThat(scan("proton-bridge").vulnerabilities()).hasSize(58);
        ScanReport yarn = scan("yarn.lock");
        assertThat(yarn.vulnerabilities()).extracting(Finding::packageName)
                .containsExactlyInAnyOrder("lodash", "minimist", "minimist");
        assertThat(yarn.vulnerabilities()).allSatisfy(f -> assertThat(f.severity().rating()).isEqualTo(Severity.CRITICAL));
    }
}
