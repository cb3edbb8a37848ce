package dev.bulwark.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvImporterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void importsRecordsPerEcosystemAndSkipsWithdrawn() throws IOException, InterruptedException {
        OsvStore store = OsvFixtures.store(tmp.resolve("db"));
        ImportResult r = OsvFixtures.importer(store, CLOCK).importDumps(List.of(OsvFixtures.allRecordsZip(tmp)));

        assertThat(r.complete()).isTrue();
        EcosystemManifest pypi = store.manifest(Ecosystem.PYPI).orElseThrow();
        // PYSEC-2018-28, -2019-217, -2022-42969, GHSA-x84v, GHSA-462w; PYSEC-2019-144 is withdrawn.
        assertThat(pypi.records()).isEqualTo(5);
        assertThat(pypi.withdrawn()).isEqualTo(1);
        assertThat(pypi.importedAt()).isEqualTo(CLOCK.instant());
        assertThat(store.manifest(Ecosystem.GO).orElseThrow().records()).isEqualTo(3);
        EcosystemManifest crates = store.manifest(Ecosystem.CRATES_IO).orElseThrow();
        assertThat(crates.records()).isEqualTo(2);
        assertThat(crates.informational()).isEqualTo(1);
        assertThat(store.manifest(Ecosystem.NPM)).isEmpty();

        List<OsvRecord> requests = store.index(Ecosystem.PYPI).orElseThrow().lookup("requests");
        assertThat(requests).extracting(OsvRecord::id).containsExactlyInAnyOrder("PYSEC-2018-28", "GHSA-x84v-xcm2-53pg");
        assertThat(store.index(Ecosystem.PYPI).orElseThrow().lookup("arrayfire")).isEmpty();
        try (var files = Files.list(tmp.resolve("db"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("scratch spool removed")
                    .containsExactlyInAnyOrder("pypi", "go", "crates.io", ".import.lock");
        }
    }

    @Test
    void malformedRecordsAreCountedNamedAndSkipped() throws IOException, InterruptedException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("PYSEC-2018-28.json", OsvFixtures.record("PYSEC-2018-28"));
        entries.put("no-id.json", "{\"affected\": []}".getBytes(StandardCharsets.UTF_8));
        entries.put("truncated.json", "{\"id\": \"X-1\", \"affected\": [".getBytes(StandardCharsets.UTF_8));
        entries.put("bad-affected.json", "{\"id\": \"X-2\", \"affected\": 5}".getBytes(StandardCharsets.UTF_8));
        entries.put("deep.json", ("{\"id\": \"X-3\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}")
                .getBytes(StandardCharsets.UTF_8));
        OsvStore store = OsvFixtures.store(tmp.resolve("db"));

        ImportResult r = OsvFixtures.importer(store, CLOCK).importDumps(
                List.of(OsvFixtures.zip(tmp.resolve("d.zip"), entries)));

        assertThat(r.complete()).isTrue();
        assertThat(r.malformed()).hasSize(4);
        assertThat(r.malformed()).anySatisfy(m -> assertThat(m).contains("deep.json").contains("nesting depth"));
        assertThat(r.malformed()).anySatisfy(m -> assertThat(m).contains("no-id.json").contains("\"id\""));
        assertThat(r.malformed()).anySatisfy(m -> assertThat(m).contains("truncated.json").contains("invalid JSON"));
        assertThat(r.malformed()).anySatisfy(m -> assertThat(m).contains("bad-affected.json").contains("not an array"));
        EcosystemManifest pypi = store.manifest(Ecosystem.PYPI).orElseThrow();
        assertThat(pypi.records()).isEqualTo(1);
        assertThat(pypi.malformed()).isEqualTo(4);
    }

    @Test
    void hostileDumpsAreRefusedAndPreviousDataKeepsWorking() throws IOException, InterruptedException {
        OsvStore store = OsvFixtures.store(tmp.resolve("db"));
        OsvImporter importer = OsvFixtures.importer(store, CLOCK);
        importer.importDumps(List.of(OsvFixtures.allRecordsZip(tmp)));

        Path slip = OsvFixtures.zip(tmp.resolve("slip.zip"), Map.of(
                "PYSEC-2018-28.json", OsvFixtures.record("PYSEC-2018-28"), "../../evil.json", "{}".getBytes()));
        Path nonJson = OsvFixtures.zip(tmp.resolve("exe.zip"), Map.of(
                "PYSEC-2018-28.json", OsvFixtures.record("PYSEC-2018-28"), "payload.exe", new byte[]{1, 2}));
        Path garbage = OsvFixtures.zip(tmp.resolve("garbage.zip"), Map.of(
                "PYSEC-2018-28.json", OsvFixtures.record("PYSEC-2018-28"), "x.json", new byte[]{(byte) 0x89, 'P', 0, 1}));
        Path bomb = OsvFixtures.zip(tmp.resolve("bomb.zip"), Map.of("bomb.json", bombJson(8 << 20)));
        Path notZip = Files.write(tmp.resolve("random.zip"), new byte[]{1, 2, 3, 4, 5});

        ImportResult r = importer.importDumps(List.of(slip, nonJson, garbage, bomb, notZip));

        assertThat(r.imported()).isEmpty();
        assertThat(r.refused()).hasSize(5);
        assertThat(r.refused().get(0)).contains("slip.zip").contains("escapes the dump folder");
        assertThat(r.refused().get(1)).contains("exe.zip").contains("payload.exe").contains("not a .json");
        assertThat(r.refused().get(2)).contains("garbage.zip").contains("x.json").contains("not a JSON object");
        assertThat(r.refused().get(3)).contains("bomb.zip").contains("compression ratio");
        assertThat(r.refused().get(4)).contains("random.zip").contains("not a zip");
        assertThat(store.index(Ecosystem.PYPI).orElseThrow().lookup("requests")).hasSize(2);
        assertThat(store.manifest(Ecosystem.PYPI).orElseThrow().records()).isEqualTo(5);
    }

    @Test
    void oversizedEntriesAreRefused() throws IOException, InterruptedException {
        OsvStore store = OsvFixtures.store(tmp.resolve("db"));
        OsvImporter small = new OsvImporter(store, new DumpReader(new DumpLimits(1000, 1 << 20, 100, 10)),
                new OsvParser(OsvJson.newMapper()), CLOCK);

        ImportResult r = small.importDumps(List.of(OsvFixtures.zip(tmp.resolve("big.zip"),
                Map.of("PYSEC-2018-28.json", OsvFixtures.record("PYSEC-2018-28")))));

        assertThat(r.refused()).singleElement().asString().contains("over the limit of 1000");
        assertThat(store.manifest(Ecosystem.PYPI)).isEmpty();
    }

    @Test
    void aLeftoverHalfBuiltGenerationIsIgnoredAndCleanedUp() throws IOException, InterruptedException {
        OsvStore store = OsvFixtures.store(tmp.resolve("db"));
        OsvImporter importer = OsvFixtures.importer(store, CLOCK);
        importer.importDumps(List.of(OsvFixtures.allRecordsZip(tmp)));
        // Simulates a crash mid-import: a generation folder with half a data file and no manifest.
        Path crashed = tmp.resolve("db").resolve("pypi").resolve("gen-999-dead");
        Files.createDirectories(crashed);
        Files.writeString(crashed.resolve("packages.dat"), "[{\"id\":");

        OsvStore reopened = OsvFixtures.store(tmp.resolve("db"));
        assertThat(reopened.index(Ecosystem.PYPI).orElseThrow().lookup("requests")).hasSize(2);

        importer.importDumps(List.of(OsvFixtures.allRecordsZip(tmp)));
        try (var s = Files.list(tmp.resolve("db").resolve("pypi"))) {
            assertThat(s.filter(Files::isDirectory).toList()).hasSize(1);
        }
    }

    @Test
    void oneImportMergesSeveralDumpsOfAnEcosystem() throws IOException, InterruptedException {
        OsvStore store = OsvFixtures.store(tmp.resolve("db"));
        Path a = OsvFixtures.zip(tmp.resolve("a.zip"), Map.of("PYSEC-2018-28.json", OsvFixtures.record("PYSEC-2018-28")));
        Path ghsa = OsvFixtures.recordsDir().resolve("GHSA-x84v-xcm2-53pg.json");

        ImportResult r = OsvFixtures.importer(store, CLOCK).importDumps(List.of(a, ghsa));

        assertThat(r.imported()).singleElement().satisfies(m -> {
            assertThat(m.records()).isEqualTo(2);
            assertThat(m.sources()).hasSize(2);
        });
    }

    @Test
    void concurrentImportsIntoOneDatabaseAreRefused() throws IOException, InterruptedException {
        Path db = Files.createDirectories(tmp.resolve("db"));
        OsvStore store = OsvFixtures.store(db);
        try (var ch = java.nio.channels.FileChannel.open(db.resolve(".import.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var held = ch.lock()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            OsvFixtures.importer(store, CLOCK).importDumps(List.of(OsvFixtures.allRecordsZip(tmp))))
                    .hasMessageContaining("another import is running");
        }
        assertThat(OsvFixtures.importer(store, CLOCK).importDumps(List.of(OsvFixtures.allRecordsZip(tmp))).complete())
                .isTrue();
    }

    private static byte[] bombJson(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
        out.writeBytes("{\"id\":\"BOMB-1\",\"details\":\"".getBytes(StandardCharsets.UTF_8));
        out.writeBytes("A".repeat(size).getBytes(StandardCharsets.UTF_8));
        out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
