package dev.bulwark.scan.osv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.util.AtomicFiles;
import dev.bulwark.util.NamedThreads;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports OSV dumps into an {@link OsvStore}. The ecosystem of each record comes from its affected
 * packages; all dumps of one call are merged per ecosystem. Parsed records are spooled to a scratch file
 * (memory holds only small per-record entries, whatever the dump size). Each ecosystem is then written
 * into a fresh generation folder and swapped in by one atomic rename of its {@code CURRENT} pointer, so a
 * refused dump, a crash or a full disk leaves the previous data working.
 *
 * <p>Interrupting the importing thread cancels the import: reading stops between entries, the scratch file
 * and any half-written generation are deleted, the lock is released and {@link InterruptedException} is thrown.
 * Ecosystems not yet swapped in keep their previous data; one already swapped in keeps its new data.
 */
public final class OsvImporter {
    /** How many malformed-record examples a manifest keeps. */
    public static final int MAX_EXAMPLES = 50;
    private static final int MAX_IN_FLIGHT = 256;
    private static final String SPOOL_PREFIX = ".import-";
    private static final String LOCK = ".import.lock";
    private static final Duration STALE_SPOOL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(OsvImporter.class);

    private final OsvStore store;
    private final DumpReader reader;
    private final OsvParser parser;
    private final ObjectMapper mapper;
    private final Clock clock;

    public OsvImporter(OsvStore store, DumpReader reader, OsvParser parser, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.parser = parser;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Imports {@code sources} (zip dumps, JSON records or folders of them); never half-applies an ecosystem. */
    public ImportResult importDumps(List<Path> sources) throws IOException, InterruptedException {
        return importDumps(sources, Map.of());
    }

    /**
     * Imports {@code sources}, recording {@code labels.get(source)} (e.g. the download URL) as the source in the
     * manifest instead of the local path when given.
     *
     * @throws InterruptedException when the calling thread is interrupted (the import is cancelled, see above)
     */
    public ImportResult importDumps(List<Path> sources, Map<Path, String> labels) throws IOException,
            InterruptedException {
        Files.createDirectories(store.dir());
        try (FileChannel lockFile = FileChannel.open(store.dir().resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = exclusive(lockFile)) {
            return importLocked(sources, labels);
        } catch (ClosedByInterruptException e) {
            // An interrupt that hit a file operation (spool, generation files) is a cancellation, too.
            throw cancelled(e);
        } catch (InterruptedException e) {
            LOG.info("OSV import in {} cancelled; ecosystems not swapped in keep their previous data", store.dir());
            throw e;
        }
    }

    /** One import at a time per database folder, across processes (a GUI and a CLI may share it). */
    private FileLock exclusive(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by this process: same answer as another process holding it
        }
        throw new IOException("another import is running on " + store.dir() + "; try again when it has finished");
    }

    private ImportResult importLocked(List<Path> sources, Map<Path, String> labels) throws IOException,
            InterruptedException {
        deleteStaleSpools();
        Path spoolFile = store.dir().resolve(SPOOL_PREFIX + clock.millis() + "-" + Long.toHexString(System.nanoTime())
                + ".spool");
        try (RecordSpool spool = new RecordSpool(spoolFile)) {
            return importSpooled(sources, labels, spool);
        } finally {
            // Also after a cancellation: an ecosystem swapped in before it must be seen.
            store.refresh();
        }
    }

    private ImportResult importSpooled(List<Path> sources, Map<Path, String> labels, RecordSpool spool)
            throws IOException, InterruptedException {
        Map<Ecosystem, Accumulator> byEcosystem = new EnumMap<>(Ecosystem.class);
        List<String> refused = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (Path source : sources) {
            cancellationPoint();
            // A source contributes only if read whole; its spooled bytes are otherwise left unreferenced.
            Map<Ecosystem, Accumulator> local = new EnumMap<>(Ecosystem.class);
            List<String> localMalformed = new ArrayList<>();
            try {
                String label = labels.getOrDefault(source, source.toAbsolutePath().toString());
                readSource(source, label, spool, local, localMalformed);
            } catch (DumpRefusedException e) {
                refused.add(source + ": refused: " + e.getMessage());
                LOG.warn("refused OSV dump {}: {}", source, e.getMessage());
                continue;
            } catch (IOException | UncheckedIOException e) {
                if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
                    throw cancelled(e);
                }
                refused.add(source + ": cannot read: " + e.getMessage());
                LOG.warn("cannot read OSV dump {}", source, e);
                continue;
            }
            malformed.addAll(localMalformed);
            for (Accumulator acc : local.values()) {
                acc.malformed.addAll(localMalformed);
            }
            local.forEach((eco, acc) -> byEcosystem.computeIfAbsent(eco, k -> new Accumulator()).merge(acc));
        }
        List<EcosystemManifest> imported = new ArrayList<>();
        for (Map.Entry<Ecosystem, Accumulator> e : byEcosystem.entrySet()) {
            cancellationPoint();
            imported.add(swapIn(e.getKey(), e.getValue(), spool));
        }
        return new ImportResult(imported, refused, malformed);
    }

    /**
     * Reads one source, parsing entries in parallel (JSON parsing dominates an import) while the reader
     * streams the next ones; a bounded number of entries is in flight so memory stays flat.
     */
    private void readSource(Path source, String label, RecordSpool spool, Map<Ecosystem, Accumulator> local,
                            List<String> localMalformed) throws IOException, DumpRefusedException,
            InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        List<IOException> spoolFailures = new ArrayList<>();
        try (ExecutorService pool = NamedThreads.virtualExecutor("osv-import")) {
            reader.read(source, (name, bytes) -> {
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        accept(source, label, name, bytes, spool, local, localMalformed);
                    } catch (IOException e) {
                        synchronized (spoolFailures) {
                            spoolFailures.add(e);
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            });
        }
        // Closing the pool waits for the parses in flight; an interrupt during that wait is re-asserted.
        cancellationPoint();
        if (!spoolFailures.isEmpty()) {
            throw new IOException("cannot write the import scratch file: " + spoolFailures.getFirst().getMessage(),
                    spoolFailures.getFirst());
        }
        localMalformed.sort(null);
    }

    private void accept(Path source, String label, String entry, byte[] bytes, RecordSpool spool,
                        Map<Ecosystem, Accumulator> into, List<String> malformed) throws IOException {
        OsvRecord record;
        try {
            record = parser.parse(bytes);
        } catch (MalformedRecordException e) {
            addMalformed(malformed, source.getFileName() + "!" + entry + ": " + e.getMessage());
            return;
        } catch (JsonProcessingException e) {
            addMalformed(malformed, source.getFileName() + "!" + entry + ": invalid JSON: " + e.getOriginalMessage());
            return;
        } catch (IOException | RuntimeException e) {
            addMalformed(malformed, source.getFileName() + "!" + entry + ": " + e.getMessage());
            return;
        }
        long[] slot = record.isWithdrawn() ? null : spool.append(mapper.writeValueAsBytes(record));
        synchronized (into) {
            collect(label, record, slot, into);
        }
    }

    private static void addMalformed(List<String> malformed, String message) {
        synchronized (malformed) {
            malformed.add(message);
        }
    }

    private static void collect(String label, OsvRecord record, long[] slot, Map<Ecosystem, Accumulator> into) {
        Map<Ecosystem, Set<String>> names = new EnumMap<>(Ecosystem.class);
        Map<Ecosystem, Boolean> informational = new EnumMap<>(Ecosystem.class);
        for (OsvAffected a : record.affected()) {
            names.computeIfAbsent(a.ecosystem(), k -> new LinkedHashSet<>()).add(a.name());
            informational.merge(a.ecosystem(), a.informational() != null, Boolean::logicalAnd);
        }
        names.forEach((eco, ecoNames) -> {
            Accumulator acc = into.computeIfAbsent(eco, k -> new Accumulator());
            acc.sources.add(label);
            if (slot == null) {
                acc.withdrawn.add(record.id());
            } else {
                acc.add(new SpoolEntry(record.id(), record.modified(), slot[0], (int) slot[1], List.copyOf(ecoNames),
                        informational.get(eco)));
            }
        });
    }

    private EcosystemManifest swapIn(Ecosystem eco, Accumulator acc, RecordSpool spool) throws IOException,
            InterruptedException {
        Path ecoDir = store.ecosystemDir(eco);
        Files.createDirectories(ecoDir);
        String generationName = "gen-" + clock.millis() + "-" + Long.toHexString(System.nanoTime());
        Path generation = ecoDir.resolve(generationName);
        Files.createDirectory(generation);
        EcosystemManifest manifest;
        try {
            manifest = writeGeneration(eco, acc, spool, generation);
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

    private EcosystemManifest writeGeneration(Ecosystem eco, Accumulator acc, RecordSpool spool, Path generation)
            throws IOException, InterruptedException {
        Map<String, List<SpoolEntry>> byPackage = new TreeMap<>();
        int informational = 0;
        for (SpoolEntry e : acc.records.values()) {
            if (e.informational()) {
                informational++;
            }
            for (String name : e.names()) {
                byPackage.computeIfAbsent(name, n -> new ArrayList<>()).add(e);
            }
        }
        Map<String, long[]> table = new HashMap<>();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(generation.resolve(EcosystemIndex.DATA)))) {
            long offset = 0;
            for (Map.Entry<String, List<SpoolEntry>> p : byPackage.entrySet()) {
                cancellationPoint();
                List<OsvRecord> records = new ArrayList<>(p.getValue().size());
                for (SpoolEntry e : p.getValue()) {
                    records.add(mapper.readValue(spool.read(e.offset(), e.length()), OsvRecord.class).onlyFor(p.getKey()));
                }
                byte[] blob = mapper.writeValueAsBytes(records);
                out.write(blob);
                table.put(p.getKey(), new long[]{offset, blob.length});
                offset += blob.length;
            }
        }
        AtomicFiles.write(generation.resolve(EcosystemIndex.TABLE), out -> out.write(mapper.writeValueAsBytes(table)));
        List<String> examples = acc.malformed.size() > MAX_EXAMPLES ? acc.malformed.subList(0, MAX_EXAMPLES) : acc.malformed;
        EcosystemManifest manifest = new EcosystemManifest(eco.osvName(), List.copyOf(acc.sources), clock.instant(),
                acc.records.size(), byPackage.size(), acc.withdrawn.size(), acc.malformed.size(), examples,
                informational);
        AtomicFiles.write(generation.resolve(EcosystemIndex.MANIFEST), out -> out.write(mapper.writeValueAsBytes(manifest)));
        return manifest;
    }

    /** Between entries, packages and ecosystems: an interrupt cancels the import there. */
    private static void cancellationPoint() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("OSV import cancelled");
        }
    }

    /** The interruption, now carried by the exception (the flag is cleared as for any InterruptedException). */
    private static InterruptedException cancelled(Exception cause) {
        Thread.interrupted();
        InterruptedException e = new InterruptedException("OSV import cancelled");
        e.initCause(cause);
        return e;
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("could not delete the unfinished generation {}; the next import removes it", dir, e);
        }
    }

    /** Scratch files of imports that crashed; an hour old means nobody is still writing them. */
    private void deleteStaleSpools() {
        try (Stream<Path> s = Files.list(store.dir())) {
            FileTime limit = FileTime.from(clock.instant().minus(STALE_SPOOL));
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(SPOOL_PREFIX)).toList()) {
                if (Files.getLastModifiedTime(p).compareTo(limit) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not clean stale import scratch files in {}", store.dir(), e);
        }
    }

    private static void deleteOtherGenerations(Path ecoDir, String keep) {
        try (Stream<Path> s = Files.list(ecoDir)) {
            for (Path p : s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals(keep)).toList()) {
                deleteTree(p);
            }
        } catch (IOException e) {
            LOG.warn("could not clean old generations in {}", ecoDir, e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Where a parsed record sits in the spool, and what the index needs to know about it. */
    private record SpoolEntry(String id, String modified, long offset, int length, List<String> names,
                              boolean informational) {
    }

    private static final class Accumulator {
        final Map<String, SpoolEntry> records = new HashMap<>();
        final Set<String> withdrawn = new LinkedHashSet<>();
        final Set<String> sources = new LinkedHashSet<>();
        final List<String> malformed = new ArrayList<>();

        void add(SpoolEntry e) {
            // The same id from two dumps: keep the most recently modified copy.
            records.merge(e.id(), e, (a, b) -> b.modified().compareTo(a.modified()) >= 0 ? b : a);
        }

        void merge(Accumulator other) {
            other.records.values().forEach(this::add);
            withdrawn.addAll(other.withdrawn);
            sources.addAll(other.sources);
            malformed.addAll(other.malformed);
        }
    }
}
