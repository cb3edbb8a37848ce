package dev.bulwark.scan.osv;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a generation written before the binary format ({@link PackageTable}, {@link OsvRecordCodec}): a JSON
 * table {@code {"name":[offset,length]}} and, per package, a JSON array of records, as Jackson databind wrote
 * them. Kept in its own class so that databind is loaded only when such a database is opened; the next import
 * rewrites it in the binary format.
 */
final class LegacyGeneration {
    private static final TypeReference<Map<String, long[]>> TABLE_TYPE = new TypeReference<>() { };
    private static final TypeReference<List<OsvRecord>> RECORDS_TYPE = new TypeReference<>() { };

    private LegacyGeneration() {
    }

    /** Built on first use of a legacy generation, configured as the mapper that wrote it. */
    private static final class Holder {
        static final ObjectMapper MAPPER = OsvJson.newMapper();
    }

    /** The JSON table in {@code bytes} (read from {@code file}), each slot checked against the data size. */
    static PackageTable readTable(Path file, byte[] bytes, long dataSize) throws IOException {
        Map<String, long[]> raw;
        try {
            raw = Holder.MAPPER.readValue(bytes, TABLE_TYPE);
        } catch (IOException e) {
            throw new IOException(file + " is corrupt: " + e.getMessage(), e);
        }
        Map<String, PackageTable.Slot> slots = HashMap.newHashMap(raw.size());
        for (Map.Entry<String, long[]> e : raw.entrySet()) {
            long[] s = e.getValue();
            if (s == null || s.length != 2 || s[1] < 0 || s[1] > Integer.MAX_VALUE) {
                throw new IOException(file + " is corrupt: bad slot for \"" + e.getKey() + "\"");
            }
            slots.put(e.getKey(), PackageTable.checked(file, e.getKey(), s[0], (int) s[1], dataSize));
        }
        return new PackageTable(Map.copyOf(slots), true);
    }

    /** Decodes one package's JSON array of records (a {@link EcosystemIndex.BlobDecoder}). */
    static List<OsvRecord> decode(ByteBuffer blob) throws IOException {
        byte[] bytes = new byte[blob.remaining()];
        blob.get(blob.position(), bytes);
        return Holder.MAPPER.readValue(bytes, RECORDS_TYPE);
    }
}
