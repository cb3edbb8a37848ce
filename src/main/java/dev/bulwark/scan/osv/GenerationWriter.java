package dev.bulwark.scan.osv;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.EcosystemBatch.SpoolEntry;
import dev.bulwark.util.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SequencedSet;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one ecosystem's new generation folder (data, table, manifest) and swaps it in by one atomic rename of
 * its {@code CURRENT} pointer. The generation holds the batch's records and, when merging, every stored record
 * the batch does not supersede (same id, or withdrawn by the batch).
 */
final class GenerationWriter {
    /** Most sources a merged ecosystem's manifest remembers (the newest are kept). */
    static final int MAX_SOURCES = 20;
    private static final Logger LOG = LoggerFactory.getLogger(GenerationWriter.class);

    private final OsvStore store;
    private final Clock clock;

    GenerationWriter(OsvStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Builds and swaps in {@code eco}'s new data.
     *
     * @param mergeWith the current generation to merge into, or null to replace the ecosystem
     */
    EcosystemManifest swapIn(Ecosystem eco, EcosystemBatch batch, RecordSpool spool, Path mergeWith)
            throws IOException, InterruptedException {
        Path ecoDir = store.ecosystemDir(eco);
        Files.createDirectories(ecoDir);
        String generationName = ScratchFiles.newGeneration(clock);
        Path generation = ecoDir.resolve(generationName);
        Files.createDirectory(generation);
        EcosystemManifest manifest;
        try {
            EcosystemIndex stored = mergeWith == null ? null : EcosystemIndex.open(mergeWith);
            manifest = writeGeneration(eco, batch, spool, stored, generation);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // CURRENT still names the previous generation; the half-written one must not linger.
            deleteQuietly(generation);
            throw e;
        }
        // The swap: readers follow CURRENT, which now names a complete generation.
        AtomicFiles.writeString(ecoDir.resolve(OsvStore.CURRENT), generationName + "\n");
        deleteOtherGenerations(ecoDir, generationName);
        LOG.info("imported {} {} records ({} packages)", manifest.records(), eco, manifest.packages());
        return manifest;
    }

    private EcosystemManifest writeGeneration(Ecosystem eco, EcosystemBatch batch, RecordSpool spool,
                                              EcosystemIndex stored, Path generation)
            throws IOException, InterruptedException {
        Map<String, List<SpoolEntry>> fresh = new TreeMap<>();
        Map<String, Boolean> informationalById = new HashMap<>();
        for (SpoolEntry e : batch.records.values()) {
            informationalById.put(e.id(), e.informational());
            for (String name : e.names()) {
                fresh.computeIfAbsent(name, n -> new ArrayList<>()).add(e);
            }
        }
        SortedSet<String> packages = new TreeSet<>(fresh.keySet());
        if (stored != null) {
            packages.addAll(stored.packageNames());
        }
        SequencedMap<String, PackageTable.Slot> table = new LinkedHashMap<>();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(generation.resolve(EcosystemIndex.DATA)))) {
            long offset = 0;
            for (String pkg : packages) {
                OsvImporter.cancellationPoint();
                List<OsvRecord> records = new ArrayList<>();
                if (stored != null) {
                    for (OsvRecord r : stored.read(pkg)) {
                        if (!batch.supersedes(r.id())) {
                            records.add(r);
                            informationalById.merge(r.id(), informational(r), Boolean::logicalAnd);
                        }
                    }
                }
                for (SpoolEntry e : fresh.getOrDefault(pkg, List.of())) {
                    records.add(spool.read(e.offset(), e.length()).onlyFor(pkg));
                }
                if (records.isEmpty()) {
                    continue; // every stored record of the package was superseded by a withdrawal
                }
                byte[] blob = OsvRecordCodec.encode(records);
                out.write(blob);
                table.put(pkg, new PackageTable.Slot(offset, blob.length));
                offset += blob.length;
            }
        }
        AtomicFiles.write(generation.resolve(EcosystemIndex.TABLE), out -> PackageTable.write(table, out));
        int informational = (int) informationalById.values().stream().filter(Boolean::booleanValue).count();
        EcosystemManifest manifest = manifest(eco, batch, stored == null ? null : stored.manifest(),
                informationalById.size(), table.size(), informational);
        AtomicFiles.write(generation.resolve(EcosystemIndex.MANIFEST), out -> ManifestCodec.write(manifest, out));
        AtomicFiles.write(generation.resolve(ManifestCodec.BINARY), out -> out.write(ManifestCodec.encode(manifest)));
        return manifest;
    }

    /** Counts and sources of the new data; a merge adds the batch's to the stored ones. */
    private EcosystemManifest manifest(Ecosystem eco, EcosystemBatch batch, EcosystemManifest previous, int records,
                                       int packages, int informational) {
        SequencedSet<String> sources = new LinkedHashSet<>();
        List<String> examples = new ArrayList<>();
        int withdrawn = batch.withdrawn.size();
        int malformed = batch.malformed.size();
        if (previous != null) {
            sources.addAll(previous.sources());
            examples.addAll(previous.malformedExamples());
            withdrawn += previous.withdrawn();
            malformed += previous.malformed();
        }
        batch.sources.forEach(s -> {
            sources.remove(s);
            sources.add(s);
        });
        while (sources.size() > MAX_SOURCES) {
            sources.removeFirst();
        }
        examples.addAll(batch.malformed);
        List<String> kept = examples.size() > OsvImporter.MAX_EXAMPLES
                ? examples.subList(0, OsvImporter.MAX_EXAMPLES) : examples;
        return new EcosystemManifest(eco.osvName(), List.copyOf(sources), clock.instant(), records, packages,
                withdrawn, malformed, kept, informational);
    }

    /** As at import: a record part is informational when every affected entry of it is (RustSec). */
    private static boolean informational(OsvRecord part) {
        return !part.affected().isEmpty() && part.affected().stream().allMatch(a -> a.informational() != null);
    }

    private static void deleteQuietly(Path dir) {
        try {
            ScratchFiles.deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("could not delete the unfinished generation {}; the next import removes it", dir, e);
        }
    }

    private static void deleteOtherGenerations(Path ecoDir, String keep) {
        try (Stream<Path> s = Files.list(ecoDir)) {
            for (Path p : s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals(keep)).toList()) {
                ScratchFiles.deleteTree(p);
            }
        } catch (IOException e) {
            LOG.warn("could not clean old generations in {}", ecoDir, e);
        }
    }
}
