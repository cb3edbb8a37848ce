package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.testsupport.ChildCli;
import dev.bulwark.testsupport.SharedData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 6: a large manifest under the 64 MB cap must not sink the scan. The real CLI in a child JVM with
 * the launcher's heap ({@code -Xmx512m}); the large files are made of real manifest content; certbot's real
 * requirements.txt beside them must always be reported.
 */
class LargeManifestTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path tmp;
    private static Path db;

    @BeforeAll
    static void importTheRealPyPiDump() {
        db = tmp.resolve("db");
        new CliRun().importInto(db, SharedData.osvDb().resolve("PyPI/all.zip"));
    }

    @Test
    void aSixtyMegabyteRequirementsFileIsRefusedAloneAndTheOtherFilesFindingsAreReported() throws Exception {
        Path project = projectWithCertbot("huge-requirements");
        Path big = Files.createDirectories(project.resolve("big")).resolve("requirements.txt");
        writeRepeatedPins(big, 60L << 20);

        long start = System.nanoTime();
        ChildCli.Result r = ChildCli.withHome(Files.createDirectories(tmp.resolve("home-1"))).jvm("-Xmx512m")
                .run(TIMEOUT, "scan", "--db", db.toString(), "--fail-on", "any", project.toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000;

        // Before: an OutOfMemoryError (with -Xmx1g: "no vulnerability backend succeeded" and no findings at all).
        assertThat(r.err()).doesNotContain("OutOfMemoryError").doesNotContain("no vulnerability backend");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("184 packages, 14 vulnerabilities").contains("CVE-2023-32681");
        assertThat(r.err()).contains("big/requirements.txt: more than 100000 dependency entries")
                .contains("1 of 2 manifest(s) could not be read");
        assertThat(seconds).as("seconds").isLessThan(60);
    }

    @Test
    void aLargeLockfileUnderTheLimitsScansWithinTheHeap() throws Exception {
        Path project = projectWithCertbot("large-lock");
        Path lock = Files.createDirectories(project.resolve("web")).resolve("package-lock.json");
        int entries = writeLargePackageLock(lock, 60_000);
        assertThat(Files.size(lock)).isGreaterThan(20L << 20);

        ChildCli.Result r = ChildCli.withHome(Files.createDirectories(tmp.resolve("home-2"))).jvm("-Xmx512m")
                .run(TIMEOUT, "scan", "--db", db.toString(), "--fail-on", "any", "--format", "json", "--output",
                        tmp.resolve("large-lock.json").toString(), project.toString());

        assertThat(r.err()).doesNotContain("OutOfMemoryError").doesNotContain("could not be read");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        var summary = new ObjectMapper().readTree(tmp.resolve("large-lock.json").toFile()).path("summary");
        assertThat(summary.path("packages").asInt()).isEqualTo(184 + entries);
        assertThat(summary.path("manifests_read").asInt()).isEqualTo(2);
        assertThat(summary.path("findings").asInt()).isGreaterThanOrEqualTo(14);
    }

    private static Path projectWithCertbot(String name) throws IOException {
        Path project = Files.createDirectories(tmp.resolve(name));
        Path small = Files.createDirectories(project.resolve("certbot"));
        Files.copy(SharedData.manifests().resolve("certbot_certbot_a807240db7b8_requirements.txt"),
                small.resolve("requirements.txt"));
        return project;
    }

    /** The pinned requirement lines of the shared bluebutton requirements.txt, repeated up to {@code bytes}. */
    private static void writeRepeatedPins(Path target, long bytes) throws IOException {
        List<String> pins = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.manifests()
                .resolve("CMSgov_bluebutton-web-server_af141c050475_requirements.txt"))) {
            if (line.matches("^[A-Za-z0-9][^ ]*==\\S+.*")) {
                pins.add(line.replaceAll("\\s*\\\\$", ""));
            }
        }
        assertThat(pins).hasSizeGreaterThan(40);
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            while (written < bytes) {
                for (String pin : pins) {
                    w.write(pin);
                    w.write('\n');
                    written += pin.length() + 1;
                }
            }
        }
        assertThat(Files.size(target)).isBetween(bytes, 64L << 20);
    }

    /**
     * The shared package-lock.json with its {@code packages} entries repeated under other install paths up to
     * {@code entries} (real package names, versions and metadata); returns how many there are.
     */
    private static int writeLargePackageLock(Path target, int entries) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode lock = (ObjectNode) json.readTree(SharedData.manifests()
                .resolve("sahat_hackathon-starter_6296aa7efe6c_package-lock.json").toFile());
        ObjectNode packages = (ObjectNode) lock.get("packages");
        List<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> real = new ArrayList<>();
        packages.properties().forEach(e -> {
            if (!e.getKey().isEmpty()) {
                real.add(e);
            }
        });
        ObjectNode grown = json.createObjectNode();
        grown.set("", packages.get(""));
        int copy = 0;
        while (grown.size() - 1 < entries) {
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = real.iterator();
                 it.hasNext() && grown.size() - 1 < entries; ) {
                var e = it.next();
                grown.set(e.getKey().replaceFirst("node_modules/", "node_modules/copy" + copy + "/node_modules/"),
                        e.getValue());
            }
            copy++;
        }
        lock.set("packages", grown);
        json.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), lock);
        return grown.size() - 1;
    }
}
