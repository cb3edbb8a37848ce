package dev.bulwark.scan.osv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The persisted records of one ecosystem: a small name → (offset, length) table ({@link PackageTable}) and a
 * memory-mapped data file holding, per package, the {@link OsvRecordCodec} blob of its records. Only the packages a
 * scan asks for are decoded, straight from the mapping. A generation written before the binary format (JSON table
 * and arrays) is still read, through {@link LegacyGeneration}.
 */
public final class EcosystemIndex {
    static final String DATA = "packages.dat";
    static final String TABLE = "packages.idx";
    static final String MANIFEST = "manifest.json";

    /** Turns one package's slot of the data file into its records. */
    @FunctionalInterface
    interface BlobDecoder {
        List<OsvRecord> decode(ByteBuffer blob) throws IOException;
    }

    private final EcosystemManifest manifest;
    private final Map<String, PackageTable.Slot> table;
    private final MappedByteBuffer data;
    private final BlobDecoder decoder;
    private final Map<String, List<OsvRecord>> decoded = new ConcurrentHashMap<>();

    private EcosystemIndex(EcosystemManifest manifest, Map<String, PackageTable.Slot> table, MappedByteBuffer data,
                           BlobDecoder decoder) {
        this.manifest = manifest;
        this.table = table;
        this.data = data;
        this.decoder = decoder;
    }

    /** Opens a generation folder written by {@link OsvImporter} (or by a version before the binary format). */
    static EcosystemIndex open(Path generation) throws IOException {
        EcosystemManifest manifest = ManifestCodec.readGeneration(generation);
        // NIO channel, so a file this user may not read fails as AccessDeniedException naming it.
        try (FileChannel ch = FileChannel.open(generation.resolve(DATA), StandardOpenOption.READ)) {
            PackageTable table = PackageTable.read(generation.resolve(TABLE), ch.size());
            // The mapping outlives the channel and survives a later swap deleting the folder.
            MappedByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            BlobDecoder decoder = table.legacy() ? LegacyGeneration::decode : OsvRecordCodec::decode;
            return new EcosystemIndex(manifest, table.slots(), data, decoder);
        }
    }

    public EcosystemManifest manifest() {
        return manifest;
    }

    /** Package names present. */
    public Set<String> packageNames() {
        return table.keySet();
    }

    /**
     * The records affecting {@code name} (normalised), each holding only that package's affected entries.
     *
     * @throws UncheckedIOException naming the ecosystem and the package when its stored records are corrupt
     */
    public List<OsvRecord> lookup(String name) {
        PackageTable.Slot slot = table.get(name);
        if (slot == null) {
            return List.of();
        }
        return decoded.computeIfAbsent(name, n -> decode(n, slot));
    }

    /** Like {@link #lookup}, without keeping the decoded records (for reading a whole index once). */
    List<OsvRecord> read(String name) {
        PackageTable.Slot slot = table.get(name);
        return slot == null ? List.of() : decode(name, slot);
    }

    private List<OsvRecord> decode(String name, PackageTable.Slot slot) {
        try {
            return decoder.decode(data.slice((int) slot.offset(), slot.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt " + DATA + " entry of \"" + name + "\" in the "
                    + manifest.ecosystem() + " database (re-import it): " + e.getMessage(), e);
        }
    }
}
