package dev.bulwark.scan.osv;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test helpers: the committed OSV subset, zips built from it, stores and importers. */
public final class OsvFixtures {
    private OsvFixtures() {
    }

    /** {@code src/test/resources/osv/records}. */
    public static Path recordsDir() {
        try {
            return Path.of(OsvFixtures.class.getResource("/osv/records").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads one committed record. */
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

    /** A zip of every committed record. */
    public static Path allRecordsZip(Path dir) throws IOException {
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (var s = Files.list(recordsDir())) {
            for (Path p : s.toList()) {
                entries.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return zip(dir.resolve("all.zip"), entries);
    }

    /** An importer over {@code store} with default limits. */
    public static OsvImporter importer(OsvStore store, Clock clock) {
        var mapper = OsvJson.newMapper();
        return new OsvImporter(store, new DumpReader(DumpLimits.defaults()), new OsvParser(mapper), mapper, clock);
    }

    /** A store in {@code dir}. */
    public static OsvStore store(Path dir) {
        return new OsvStore(dir, OsvJson.newMapper());
    }
}
