package dev.bulwark.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's files on disk: the binary table and data an import writes, {@code manifest.json} as JSON, a
 * generation in the former JSON format (written here as the previous version wrote it) still read and merged into,
 * and clear failures naming the file or the ecosystem when the files are corrupt.
 */
class StoreFormatTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = OsvJson.newMapper();

    @TempDir
    Path tmp;

    /** The stored form of the real PyPI dump as the importer keeps it: per package, its records' parts. */
    private static Map<String, List<OsvRecord>> pypiByPackage() throws Exception {
        OsvParser parser = new OsvParser(JSON);
        Map<String, List<OsvRecord>> byPackage = new TreeMap<>();
        new DumpReader(DumpLimits.defaults()).read(SharedData.osvDb().resolve("PyPI/all.zip"), (name, json) -> {
            OsvRecord r;
            try {
                r = parser.parse(json);
            } catch (MalformedRecordException | IOException e) {
                throw new AssertionError(name, e);
            }
            if (!r.isWithdrawn()) {
                r.affected().stream().map(OsvAffected::name).distinct()
                        .forEach(n -> byPackage.computeIfAbsent(n, k -> new java.util.ArrayList<>()).add(r.onlyFor(n)));
            }
        });
        return byPackage;
    }

    private static Path generation(OsvStore store, Ecosystem eco) throws IOException {
        return store.currentGeneration(eco).orElseThrow();
    }

    @Test
    void anImportWritesTheBinaryFormatAndEveryPackageReadsBackExactly() throws Exception {
        Map<String, List<OsvRecord>> expected = pypiByPackage();
        OsvStore store = OsvFixtures.store(tmp.resolve("db"));
        OsvFixtures.importer(store, CLOCK).importDumps(List.of(SharedData.osvDb().resolve("PyPI/all.zip")));

        Path generation = generation(store, Ecosystem.PYPI);
        byte[] table = Files.readAllBytes(generation.resolve(EcosystemIndex.TABLE));
        assertThat(new String(table, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("BWX1");
        assertThat(table[4]).isEqualTo((byte) 1);
        EcosystemIndex index = store.index(Ecosystem.PYPI).orElseThrow();
        assertThat(index.packageNames()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((pkg, records) ->
                assertThat(index.lookup(pkg)).as(pkg).containsExactlyInAnyOrderElementsOf(records));

        // manifest.json stays JSON that people and other tools read.
        JsonNode manifest = JSON.readTree(generation.resolve(EcosystemIndex.MANIFEST).toFile());
        assertThat(manifest.path("ecosystem").asText()).isEqualTo("PyPI");
        assertThat(manifest.path("importedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(manifest.path("records").asInt()).isEqualTo(2651);
        assertThat(manifest.path("packages").asInt()).isEqualTo(expected.size());
        assertThat(JSON.treeToValue(manifest, EcosystemManifest.class)).isEqualTo(index.manifest());
        // What Bulwark reads is the binary copy beside it, written from the same record.
        assertThat(generation.resolve(ManifestCodec.BINARY)).isRegularFile();
        assertThat(ManifestCodec.decode(Files.readAllBytes(generation.resolve(ManifestCodec.BINARY))))
                .isEqualTo(JSON.treeToValue(manifest, EcosystemManifest.class));
    }

    @Test
    void theBinaryManifestRoundTripsAndIsNamedWhenBroken() throws Exception {
        EcosystemManifest m = new EcosystemManifest("PyPI", List.of("/a/all.zip", "https://x/ü.zip"),
                Instant.parse("2026-11-20T10:00:00.123456789Z"), 2651, 660, 10, 2, List.of("a.json: bad", "b.json: bad"),
                3);
        assertThat(ManifestCodec.decode(ManifestCodec.encode(m))).isEqualTo(m);
        EcosystemManifest far = new EcosystemManifest("Go", List.of(), Instant.parse("2200-01-01T00:00:00Z"), 0, 0, 0,
                0, List.of(), 0);
        assertThat(ManifestCodec.decode(ManifestCodec.encode(far))).isEqualTo(far);

        OsvStore store = importedSample();
        Path binary = generation(store, Ecosystem.PYPI).resolve(ManifestCodec.BINARY);
        byte[] bytes = Files.readAllBytes(binary);
        Files.write(binary, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> store.manifest(Ecosystem.PYPI)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(binary + ": ").hasMessageContaining("truncated");
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        Files.write(binary, longer);
        assertThatThrownBy(() -> store.manifest(Ecosystem.PYPI)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(binary + ": ").hasMessageContaining("trailing byte");
        bytes[0] = 9;
        Files.write(binary, bytes);
        assertThatThrownBy(() -> store.manifest(Ecosystem.PYPI)).isInstanceOf(IOException.class)
                .hasMessage(binary + ": unknown manifest format version 9 (this Bulwark reads version 1)");
    }

    /** Writes a generation exactly as the JSON format did (databind table, arrays and manifest). */
    private static void writeLegacyGeneration(Path ecoDir, String name, Map<String, List<OsvRecord>> byPackage,
                                              EcosystemManifest manifest) throws IOException {
        Path generation = Files.createDirectories(ecoDir.resolve(name));
        Map<String, long[]> table = new HashMap<>();
        long offset = 0;
        try (var out = Files.newOutputStream(generation.resolve("packages.dat"))) {
            for (Map.Entry<String, List<OsvRecord>> e : byPackage.entrySet()) {
                byte[] blob = JSON.writeValueAsBytes(e.getValue());
                out.write(blob);
                table.put(e.getKey(), new long[]{offset, blob.length});
                offset += blob.length;
            }
        }
        Files.write(generation.resolve("packages.idx"), JSON.writeValueAsBytes(table));
        Files.write(generation.resolve("manifest.json"), JSON.writeValueAsBytes(manifest));
        Files.writeString(ecoDir.resolve("CURRENT"), name + "\n");
    }

    @Test
    void aGenerationOfTheFormerJsonFormatIsReadAndAMergeRewritesItInTheBinaryFormat() throws Exception {
        Map<String, List<OsvRecord>> expected = pypiByPackage();
        Path db = tmp.resolve("db");
        Instant importedAt = Instant.parse("2026-11-01T08:30:00.123456789Z");
        EcosystemManifest legacyManifest = new EcosystemManifest("PyPI", List.of("/somewhere/PyPI/all.zip"), importedAt,
                2651, expected.size(), 10, 0, List.of(), 0);
        writeLegacyGeneration(db.resolve("pypi"), "gen-legacy", expected, legacyManifest);
        assertThat(Files.readString(db.resolve("pypi/gen-legacy/packages.idx"))).startsWith("{\"");

        OsvStore store = OsvFixtures.store(db);
        assertThat(store.manifest(Ecosystem.PYPI)).contains(legacyManifest);
        EcosystemIndex legacy = store.index(Ecosystem.PYPI).orElseThrow();
        assertThat(legacy.manifest()).isEqualTo(legacyManifest);
        expected.forEach((pkg, records) -> assertThat(legacy.lookup(pkg)).as(pkg).isEqualTo(records));
        assertThat(new DatabaseStatusReader(store, CLOCK, Duration.ofDays(7)).read())
                .filteredOn(s -> s.ecosystem().equals("PyPI")).singleElement()
                .satisfies(s -> assertThat(s.records()).isEqualTo(2651));

        // A merge (a single GHSA record) keeps the legacy records and writes the binary format.
        ImportResult r = OsvFixtures.importer(store, CLOCK).importDumps(
                List.of(SharedData.osvDb().resolve("GHSA-sample/GHSA-x84v-xcm2-53pg.json")));
        assertThat(r.refused()).isEmpty();
        Path merged = generation(store, Ecosystem.PYPI);
        assertThat(merged.getFileName().toString()).isNotEqualTo("gen-legacy");
        assertThat(Files.readAllBytes(merged.resolve(EcosystemIndex.TABLE)))
                .startsWith("BWX1".getBytes(StandardCharsets.US_ASCII));
        EcosystemIndex after = store.index(Ecosystem.PYPI).orElseThrow();
        assertThat(after.manifest().sources()).hasSize(2).first().isEqualTo("/somewhere/PyPI/all.zip");
        // Merging replaces only a record of the same id: every PYSEC record read from the legacy data stays.
        expected.forEach((pkg, records) -> assertThat(after.lookup(pkg)).as(pkg).containsAll(records));
        assertThat(after.packageNames().stream().flatMap(p -> after.lookup(p).stream()))
                .anyMatch(rec -> rec.id().equals("GHSA-x84v-xcm2-53pg"));
    }

    private OsvStore importedSample() throws Exception {
        OsvStore store = OsvFixtures.store(tmp.resolve("db"));
        OsvFixtures.importer(store, CLOCK).importDumps(List.of(OsvFixtures.allRecordsZip(tmp)));
        return store;
    }

    @Test
    void aPackageTableWithABadMagicOrVersionOrSlotIsNamed() throws Exception {
        OsvStore store = importedSample();
        Path idx = generation(store, Ecosystem.PYPI).resolve(EcosystemIndex.TABLE);
        byte[] good = Files.readAllBytes(idx);

        Files.write(idx, "NOPE and more".getBytes(StandardCharsets.US_ASCII));
        assertOpenFails(store, idx + " is not a Bulwark package table (bad magic)");

        byte[] newer = good.clone();
        newer[4] = 2;
        Files.write(idx, newer);
        assertOpenFails(store, idx + " has package table format version 2");

        Files.write(idx, java.util.Arrays.copyOf(good, good.length - 3));
        assertOpenFails(store, idx + " is corrupt: truncated");

        byte[] hugeCount = good.clone();
        hugeCount[5] = 0x7F;
        Files.write(idx, hugeCount);
        assertOpenFails(store, idx + " is corrupt: ");

        byte[] pastEnd = good.clone();
        pastEnd[pastEnd.length - 1] = (byte) 0xFF; // the last slot's length grows past the data file
        pastEnd[pastEnd.length - 2] = (byte) 0xFF;
        pastEnd[pastEnd.length - 3] = (byte) 0x7F;
        Files.write(idx, pastEnd);
        assertOpenFails(store, "lies outside the");

        Files.write(idx, "{\"requests\": [0, ".getBytes(StandardCharsets.US_ASCII));
        assertOpenFails(store, idx + " is corrupt: ");
    }

    private static void assertOpenFails(OsvStore store, String message) {
        store.refresh();
        assertThatThrownBy(() -> store.index(Ecosystem.PYPI)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot open the PyPI database").hasMessageContaining(message);
    }

    @Test
    void corruptRecordDataNamesTheEcosystemAndThePackage() throws Exception {
        OsvStore store = importedSample();
        Path generation = generation(store, Ecosystem.PYPI);
        Path dat = generation.resolve(EcosystemIndex.DATA);
        PackageTable table = PackageTable.read(generation.resolve(EcosystemIndex.TABLE), Files.size(dat));
        List<String> names = table.slots().keySet().stream().sorted().toList();
        byte[] data = Files.readAllBytes(dat);
        data[0] = 7; // the first package's format byte
        data[(int) table.slots().get(names.getLast()).offset() + 1] = 0x7F; // the last package's record count
        Files.write(dat, data);
        store.refresh();
        EcosystemIndex index = store.index(Ecosystem.PYPI).orElseThrow();

        assertThatThrownBy(() -> index.lookup(names.getFirst())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("\"" + names.getFirst() + "\" in the PyPI database")
                .hasMessageContaining("unknown record format version 7");
        assertThatThrownBy(() -> index.lookup(names.getLast())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("\"" + names.getLast() + "\" in the PyPI database")
                .hasMessageContaining("corrupt record data");
    }

    @Test
    void aManifestToleratesUnknownFieldsAndIsNamedWhenBroken() throws Exception {
        OsvStore store = importedSample();
        Path manifest = generation(store, Ecosystem.PYPI).resolve(EcosystemIndex.MANIFEST);
        EcosystemManifest before = store.manifest(Ecosystem.PYPI).orElseThrow();
        // As a generation written before the binary copy existed: the JSON is what is read.
        Files.delete(manifest.resolveSibling(ManifestCodec.BINARY));
        assertThat(store.manifest(Ecosystem.PYPI)).contains(before);
        String json = Files.readString(manifest);

        Files.writeString(manifest, json.replace("{\"ecosystem\"",
                "{\"addedLater\":{\"nested\":[1,{\"x\":null}]},\"flag\":true,\"ecosystem\""));
        assertThat(store.manifest(Ecosystem.PYPI)).contains(before);

        Files.writeString(manifest, json.replaceAll("\"importedAt\":\"[^\"]*\",", ""));
        assertThatThrownBy(() -> store.manifest(Ecosystem.PYPI)).isInstanceOf(IOException.class)
                .hasMessage(manifest + ": missing \"importedAt\"");

        Files.writeString(manifest, json.replace("\"records\":", "\"records\":\"many\",\"x\":"));
        assertThatThrownBy(() -> store.manifest(Ecosystem.PYPI)).isInstanceOf(IOException.class)
                .hasMessage(manifest + ": \"records\" is not a whole number");

        Files.writeString(manifest, json.substring(0, json.length() / 2));
        assertThatThrownBy(() -> store.manifest(Ecosystem.PYPI)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(manifest + ": not valid JSON: ");
    }
}
