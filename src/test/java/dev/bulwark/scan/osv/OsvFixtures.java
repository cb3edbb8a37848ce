package dev.bulwark.scan.osv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helpers: a subset of the real OSV records in {@code ../shared}, zips built from it, stores and importers. */
public final class OsvFixtures {
    private OsvFixtures() {
    }

    /**
     * The eleven real OSV records the unit tests use, each taken byte-for-byte from {@code ../shared/osv-db}
     * (the ecosystem dumps and {@code GHSA-sample/}): withdrawn, last_affected, stdlib, pseudo-version ranges,
     * CVSS v4, informational and GHSA cases. Third-party data stays in {@code ../shared}; nothing is committed.
     */
    static final Map<String, String> RECORDS = Map.ofEntries(
            Map.entry("PYSEC-2018-28", "PyPI/all.zip"), Map.entry("PYSEC-2019-144", "PyPI/all.zip"),
            Map.entry("PYSEC-2019-217", "PyPI/all.zip"), Map.entry("PYSEC-2022-42969", "PyPI/all.zip"),
            Map.entry("GO-2021-0067", "Go/all.zip"), Map.entry("GO-2022-1144", "Go/all.zip"),
            Map.entry("GO-2023-1495", "Go/all.zip"),
            Map.entry("RUSTSEC-2016-0004", "crates.io/all.zip"), Map.entry("RUSTSEC-2024-0445", "crates.io/all.zip"),
            Map.entry("GHSA-x84v-xcm2-53pg", "GHSA-sample"), Map.entry("GHSA-462w-v97r-4m45", "GHSA-sample"));

    private static Path extracted;

    /**
     * A folder holding {@link #RECORDS} as {@code <id>.json}, extracted once per test JVM from {@code ../shared}.
     * Skips (locally) or fails (CI) through {@link SharedData} when the shared data is absent.
     */
    public static synchronized Path recordsDir() {
        if (extracted != null) {
            return extracted;
        }
        Path osvDb = SharedData.osvDb();
        try {
            Path dir = Files.createTempDirectory("bulwark-osv-records");
            dir.toFile().deleteOnExit(); // registered first, so deleted after its files
            Map<String, List<String>> bySource = new TreeMap<>();
            RECORDS.forEach((id, source) -> bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(id));
            for (var e : bySource.entrySet()) {
                Path source = osvDb.resolve(e.getKey());
                if (Files.isDirectory(source)) {
                    for (String id : e.getValue()) {
                        Files.copy(source.resolve(id + ".json"), dir.resolve(id + ".json"));
                        dir.resolve(id + ".json").toFile().deleteOnExit();
                    }
                    continue;
                }
                try (ZipFile zip = new ZipFile(source.toFile())) {
                    for (String id : e.getValue()) {
                        ZipEntry entry = zip.getEntry(id + ".json");
                        if (entry == null) {
                            throw new IllegalStateException(source + " has no " + id + ".json");
                        }
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, dir.resolve(id + ".json"));
                        }
                        dir.resolve(id + ".json").toFile().deleteOnExit();
                    }
                }
            }
            extracted = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the OSV test records from " + osvDb, e);
        }
    }

    /** Reads one of {@link #RECORDS}. */
    public static byte[] record(String id) {
        try {
            return Files.readAllBytes(recordsDir().resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a zip holding {@code entries} (name → bytes), stored deflated. */
    public static Path zip(Path target, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return target;
    }

    /** A zip of every record in {@link #RECORDS}. */
    public static Path allRecordsZip(Path dir) throws IOException {
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (var s = Files.list(recordsDir())) {
            for (Path p : s.toList()) {
                entries.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return zip(dir.resolve("all.zip"), entries);
    }

    /**
     * Three real PyPI records stripped of their ecosystem the ways the issue lists ({@code affected} missing,
     * {@code package: {}}, nulls), and one left intact.
     */
    public static Path recordsWithoutEcosystem(Path dir) throws IOException {
        ObjectMapper json = OsvJson.newMapper();
        Files.createDirectories(dir);
        ObjectNode missing = (ObjectNode) json.readTree(OsvFixtures.record("PYSEC-2018-28"));
        missing.remove("affected");
        ObjectNode emptyPackage = (ObjectNode) json.readTree(OsvFixtures.record("PYSEC-2019-217"));
        emptyPackage.withArray("affected").forEach(a -> ((ObjectNode) a).putObject("package"));
        ObjectNode nulls = (ObjectNode) json.readTree(OsvFixtures.record("PYSEC-2022-42969"));
        nulls.withArray("affected").forEach(a -> ((ObjectNode) a).withObject("package").putNull("ecosystem")
                .putNull("name"));
        for (ObjectNode n : new ObjectNode[]{missing, emptyPackage, nulls}) {
            Files.write(dir.resolve(n.get("id").asText() + ".json"), json.writeValueAsBytes(n));
        }
        Files.write(dir.resolve("GHSA-x84v-xcm2-53pg.json"), OsvFixtures.record("GHSA-x84v-xcm2-53pg"));
        return dir;
    }

    /** An importer over {@code store} with default limits. */
    public static OsvImporter importer(OsvStore store, Clock clock) {
        return new OsvImporter(store, new DumpReader(DumpLimits.defaults()), new OsvParser(OsvJson.newMapper()), clock);
    }

    /** A store in {@code dir}. */
    public static OsvStore store(Path dir) {
        return new OsvStore(dir);
    }
}
