package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.scan.osv.OsvJson;
import dev.bulwark.scan.osv.OsvStore;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 1: {@code db import} of less than a whole dump must not wipe an ecosystem. Against the real OSV
 * dumps of {@code ../shared/osv-db} and a scan of the real manifests of {@code ../shared/manifests}.
 */
class DbImportSafetyTest {
    /** PyPI/all.zip: 2,661 records, 10 withdrawn (its README). */
    private static final int PYPI = 2651;

    @TempDir
    Path tmp;
    private Path db;
    private final CliRun cli = new CliRun();

    @BeforeEach
    void importTheRealPyPiDump() {
        db = tmp.resolve("db");
        cli.importInto(db, SharedData.osvDb().resolve("PyPI/all.zip"));
        assertThat(records(Ecosystem.PYPI)).isEqualTo(PYPI);
    }

    @Test
    void aSingleRecordMergesIntoTheEcosystemAndTheScanKeepsItsFindings() throws IOException {
        int before = findingsOnTheSharedManifests();
        assertThat(before).as("certbot 14 + bluebutton 16, as SharedManifestsScanTest").isEqualTo(30);
        Path record = SharedData.osvDb().resolve("GHSA-sample/GHSA-x84v-xcm2-53pg.json"); // requests, PyPI

        assertThat(cli.run("db", "import", "--db", db.toString(), record.toString())).isZero();

        assertThat(cli.out()).contains("Merged   PyPI").contains((PYPI + 1) + " records")
                .contains("1 imported into the " + PYPI + " stored").contains("updated");
        assertThat(records(Ecosystem.PYPI)).isEqualTo(PYPI + 1);
        // Before the fix: PyPI went from 2,651 records to 1, and the shared manifests' findings fell with it.
        assertThat(findingsOnTheSharedManifests()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void aZipThatIsNotAWholeDumpMergesToo() throws IOException {
        Path part = zipOfRealPyPiRecords(tmp.resolve("pypi-2018.zip"), "PYSEC-2018-");

        assertThat(cli.run("db", "import", "--db", db.toString(), part.toString())).isZero();

        assertThat(cli.out()).contains("Merged   PyPI");
        assertThat(records(Ecosystem.PYPI)).isEqualTo(PYPI);
    }

    @Test
    void aWholeDumpThatWouldShrinkTheEcosystemSharplyIsRefusedUnlessReplace() throws IOException {
        Path truncated = zipOfRealPyPiRecords(Files.createDirectories(tmp.resolve("cut")).resolve("all.zip"),
                "PYSEC-2018-");

        assertThat(cli.run("db", "import", "--db", db.toString(), truncated.toString())).isEqualTo(2);

        assertThat(cli.err()).contains("PyPI not replaced").contains("fewer than half of the " + PYPI)
                .contains("--replace").contains("Nothing imported");
        assertThat(cli.out()).doesNotContain("updated");
        assertThat(records(Ecosystem.PYPI)).isEqualTo(PYPI);

        cli.clear();
        assertThat(cli.run("db", "import", "--db", db.toString(), "--replace", truncated.toString())).isZero();
        assertThat(cli.out()).contains("Imported PyPI").contains("updated");
        assertThat(records(Ecosystem.PYPI)).isBetween(1, PYPI / 2);
    }

    @Test
    void anEmptyZipIsRefusedAndNothingSaysUpdated() throws IOException {
        Path empty = OsvFixtures.zip(tmp.resolve("empty.zip"), Map.of());

        assertThat(cli.run("db", "import", "--db", db.toString(), empty.toString())).isEqualTo(2);

        assertThat(cli.err()).contains("empty.zip: refused: holds no OSV records").contains("Nothing imported");
        assertThat(cli.out()).doesNotContain("updated");
        assertThat(records(Ecosystem.PYPI)).isEqualTo(PYPI);
    }

    @Test
    void recordsWithoutAnEcosystemAreCountedAndNamedByTheCli() throws IOException {
        Path folder = recordsWithoutEcosystem();

        assertThat(cli.run("db", "import", "--db", db.toString(), folder.toString())).isZero();

        assertThat(cli.err()).contains("3 record(s) dropped").contains("PYSEC-2018-28 (")
                .contains("PYSEC-2019-217 (").contains("PYSEC-2022-42969 (");
        assertThat(cli.out()).contains("Merged   PyPI"); // the one record that has its ecosystem
    }

    private Path recordsWithoutEcosystem() throws IOException {
        return OsvFixtures.recordsWithoutEcosystem(tmp.resolve("no-ecosystem"));
    }

    /** A zip of the real PyPI records whose id starts with {@code prefix}. */
    static Path zipOfRealPyPiRecords(Path target, String prefix) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(SharedData.osvDb().resolve("PyPI/all.zip").toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.getName().startsWith(prefix)) {
                    try (InputStream in = zip.getInputStream(e)) {
                        entries.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
        assertThat(entries).hasSizeBetween(20, PYPI / 2);
        return OsvFixtures.zip(target, entries);
    }

    /** Vulnerabilities found in the Python manifests of ../shared/manifests (the JSON report's count). */
    private int findingsOnTheSharedManifests() throws IOException {
        Path project = tmp.resolve("project");
        if (!Files.isDirectory(project)) {
            try (Stream<Path> s = Files.list(SharedData.manifests())) {
                for (Path m : s.filter(p -> p.getFileName().toString().endsWith("requirements.txt")).toList()) {
                    Path dir = Files.createDirectories(project.resolve(m.getFileName().toString().substring(0, 12)));
                    Files.copy(m, dir.resolve("requirements.txt"));
                }
            }
        }
        Path report = tmp.resolve("report.json");
        cli.clear();
        assertThat(cli.run("scan", "--db", db.toString(), "--fail-on", "none", "--format", "json", "--output",
                report.toString(), project.toString())).isZero();
        cli.clear();
        return OsvJson.newMapper().readTree(report.toFile()).path("findings").size();
    }

    private int records(Ecosystem eco) {
        try {
            return new OsvStore(db).manifest(eco).orElseThrow().records();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
