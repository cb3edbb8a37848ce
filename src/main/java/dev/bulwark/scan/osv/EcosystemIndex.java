package dev.bulwark.scan.osv;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The persisted records of one ecosystem: a small name → (offset, length) table and a memory-mapped data
 * file holding, per package, the JSON array of its records. Only the packages a scan asks for are decoded.
 */
public final class EcosystemIndex {
    static final String DATA = "packages.dat";
    static final String TABLE = "packages.idx";
    static final String MANIFEST = "manifest.json";

    private static final TypeReference<Map<String, long[]>> TABLE_TYPE = new TypeReference<>() { };
    private static final TypeReference<List<OsvRecord>> RECORDS_TYPE = new TypeReference<>() { };

    private final EcosystemManifest manifest;
    private final Map<String, long[]> table;
    private final MappedByteBuffer data;
    private final ObjectMapper mapper;
    private final Map<String, List<OsvRecord>> decoded = new ConcurrentHashMap<>();

    private EcosystemIndex(EcosystemManifest manifest, Map<String, long[]> table, MappedByteBuffer data,
                           ObjectMapper mapper) {
        this.manifest = manifest;
        this.table = table;
        this.data = data;
        this.mapper = mapper;
    }

    /** Opens a generation folder written by {@link OsvImporter}. */
    static EcosystemIndex open(Path generation, ObjectMapper mapper) throws IOException {
        EcosystemManifest manifest;
        Map<String, long[]> table;
        // NIO streams, so a file this user may not read fails as AccessDeniedException naming it.
        try (InputStream in = Files.newInputStream(generation.resolve(MANIFEST))) {
            manifest = mapper.readValue(in, EcosystemManifest.class);
        }
        try (InputStream in = Files.newInputStream(generation.resolve(TABLE))) {
            table = mapper.readValue(in, TABLE_TYPE);
        }
        try (FileChannel ch = FileChannel.open(generation.resolve(DATA), StandardOpenOption.READ)) {
            // The mapping outlives the channel and survives a later swap deleting the folder.
            MappedByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            return new EcosystemIndex(manifest, table, data, mapper);
        }
    }

    public EcosystemManifest manifest() {
        return manifest;
    }

    /** Package names present. */
    public Set<String> packageNames() {
        return table.keySet();
    }

    /** The records affecting {@code name} (normalised), each holding only that package's affected entries. */
    public List<OsvRecord> lookup(String name) {
        long[] slot = table.get(name);
        if (slot == null) {
            return List.of();
        }
        return decoded.computeIfAbsent(name, n -> decode(slot));
    }

    /** Like {@link #lookup}, without keeping the decoded records (for reading a whole index once). */
    List<OsvRecord> read(String name) {
        long[] slot = table.get(name);
        return slot == null ? List.of() : decode(slot);
    }

    private List<OsvRecord> decode(long[] slot) {
        ByteBuffer view = data.slice((int) slot[0], (int) slot[1]);
        byte[] bytes = new byte[(int) slot[1]];
        view.get(bytes);
        try {
            return mapper.readValue(bytes, RECORDS_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt index entry in " + manifest.ecosystem() + " database", e);
        }
    }
}
