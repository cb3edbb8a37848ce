package dev.bulwark.scan.osv;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.EcosystemBatch.SpoolEntry;
import dev.bulwark.util.Errors;
import dev.bulwark.util.LogMarkers;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports OSV dumps into an {@link OsvStore}. The ecosystem of each record comes from its affected
 * packages; all sources of one call are combined per ecosystem. Parsed records are spooled to a scratch file
 * (memory holds only small per-record entries, whatever the dump size). Each ecosystem is then written
 * into a fresh generation folder and swapped in by one atomic rename of its {@code CURRENT} pointer, so a
 * refused dump, a crash or a full disk leaves the previous data working.
 *
 * <p>What an import does to an ecosystem depends on what it is given:
 * <ul>
 *   <li>a <em>whole dump</em> ({@link #isWholeDump}: OSV.dev's {@code all.zip}, or {@code <ecosystem>-all.zip} as
 *       {@code db update} downloads it) <em>replaces</em> the ecosystems it holds. A dump that would leave an
 *       ecosystem with fewer than half of its stored records ({@link #shrinksSharply}) is refused for that
 *       ecosystem, as a truncated or wrong dump, unless {@code replace} is asked for;</li>
 *   <li>anything else (a single {@code .json} record, a folder of them, any other zip) is <em>merged</em>: its
 *       records are added to the stored ones, replacing a stored record of the same id, and its withdrawn
 *       records remove stored ones;</li>
 *   <li>with {@code replace}, every source replaces the ecosystems it holds, whatever the shrink.</li>
 * </ul>
 * Records that name no package in a supported ecosystem are dropped, counted and named in the result; a source
 * holding no record at all (an empty zip) is refused.
 *
 * <p>Scratch of an import that was killed (spool file, half-written generation) is removed by the next import
 * (under the lock) or by {@link OsvStore#removeLeftovers()}. Interrupting the importing thread cancels the
 * import: reading stops between entries, the scratch file and any half-written generation are deleted, the lock
 * is released and {@link InterruptedException} is thrown. Ecosystems not yet swapped in keep their previous
 * data; one already swapped in keeps its new data.
 */
public final class OsvImporter {
    /** How many malformed-record examples a manifest keeps. */
    public static final int MAX_EXAMPLES = 50;
    private static final int MAX_IN_FLIGHT = 256;
    private static final Logger LOG = LoggerFactory.getLogger(OsvImporter.class);

    private final OsvStore store;
    private final DumpReader reader;
    private final OsvParser parser;
    private final Clock clock;

    public OsvImporter(OsvStore store, DumpReader reader, OsvParser parser, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.parser = parser;
        this.clock = clock;
    }

    /**
     * True for a whole per-ecosystem dump, which replaces the ecosystem: a file named {@code all.zip} (OSV.dev's
     * name) or ending in {@code -all.zip} (as {@code db update} stores its downloads).
     */
    public static boolean isWholeDump(Path source) {
        String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.equals("all.zip") || name.endsWith("-all.zip")) && !Files.isDirectory(source);
    }

    /** True when replacing {@code before} stored records by {@code after} would keep fewer than half of them. */
    public static boolean shrinksSharply(int before, int after) {
        return 2L * after < before;
    }

    /** Imports {@code sources} (zip dumps, JSON records or folders of them); never half-applies an ecosystem. */
    public ImportResult importDumps(List<Path> sources) throws IOException, InterruptedException {
        return importDumps(sources, Map.of(), false);
    }

    /**
     * Imports {@code sources}, recording {@code labels.get(source)} (e.g. the download URL) as the source in the
     * manifest instead of the local path when given.
     *
     * @param replace every source replaces the ecosystems it holds, even when that shrinks them sharply
     * @throws InterruptedException when the calling thread is interrupted (the import is cancelled, see above)
     */
    public ImportResult importDumps(List<Path> sources, Map<Path, String> labels, boolean replace)
            throws IOException, InterruptedException {
        try (ImportLock lock = ImportLock.acquire(store.dir())) {
            return importLocked(sources, labels, replace);
        } catch (ClosedByInterruptException e) {
            // An interrupt that hit a file operation (spool, generation files) is a cancellation, too.
            throw cancelled(e);
        } catch (InterruptedException e) {
            LOG.info("OSV import in {} cancelled; ecosystems not swapped in keep their previous data", store.dir());
            throw e;
        }
    }

    private ImportResult importLocked(List<Path> sources, Map<Path, String> labels, boolean replace)
            throws IOException, InterruptedException {
        try {
            int removed = ScratchFiles.sweep(store);
            if (removed > 0) {
                LOG.info("removed {} leftover(s) of interrupted imports in {}", removed, store.dir());
            }
        } catch (IOException e) {
            LOG.warn("could not remove the leftovers of interrupted imports in {}: {}", store.dir(),
                    Errors.describe(e));
        }
        try (RecordSpool spool = new RecordSpool(ScratchFiles.newSpool(store.dir(), clock))) {
            return importSpooled(sources, labels, replace, spool);
        } finally {
            // Also after a cancellation: an ecosystem swapped in before it must be seen.
            store.refresh();
        }
    }

    private ImportResult importSpooled(List<Path> sources, Map<Path, String> labels, boolean replace,
                                       RecordSpool spool) throws IOException, InterruptedException {
        Map<Ecosystem, EcosystemBatch> byEcosystem = new EnumMap<>(Ecosystem.class);
        List<String> refused = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        Set<String> dropped = new LinkedHashSet<>();
        for (Path source : sources) {
            cancellationPoint();
            // A source contributes only if read whole; its spooled bytes are otherwise left unreferenced.
            SourceRead read = new SourceRead(source, labels.getOrDefault(source, source.toAbsolutePath().toString()),
                    isWholeDump(source));
            try {
                readSource(read, spool);
            } catch (DumpRefusedException e) {
                refused.add(source + ": refused: " + e.getMessage());
                LOG.warn(LogMarkers.FILE_ONLY, "refused OSV dump {}: {}", source, e.getMessage());
                continue;
            } catch (IOException | UncheckedIOException e) {
                if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
                    throw cancelled(e);
                }
                refused.add(source + ": cannot read: " + Errors.describe(e));
                LOG.warn(LogMarkers.FILE_ONLY, "cannot read OSV dump {}", source, e);
                continue;
            }
            if (read.entries == 0) {
                refused.add(source + ": refused: holds no OSV records");
                continue;
            }
            malformed.addAll(read.malformed);
            dropped.addAll(read.dropped);
            for (EcosystemBatch batch : read.batches.values()) {
                batch.malformed.addAll(read.malformed);
            }
            read.batches.forEach((eco, b) -> byEcosystem.computeIfAbsent(eco, k -> new EcosystemBatch()).merge(b));
        }
        List<EcosystemImport> imported = new ArrayList<>();
        GenerationWriter writer = new GenerationWriter(store, clock);
        for (Map.Entry<Ecosystem, EcosystemBatch> e : byEcosystem.entrySet()) {
            cancellationPoint();
            swapIn(e.getKey(), e.getValue(), replace, spool, writer, imported, refused);
        }
        return new ImportResult(imported, refused, malformed, List.copyOf(dropped));
    }

    /**
     * Merges or replaces one ecosystem (see the class comment). Refuses it, leaving its data as it is, when a whole
     * dump would shrink it sharply or when the stored data a merge or that check needs cannot be read.
     */
    private void swapIn(Ecosystem eco, EcosystemBatch batch, boolean replace, RecordSpool spool,
                        GenerationWriter writer, List<EcosystemImport> imported, List<String> refused)
            throws IOException, InterruptedException {
        String sources = String.join(", ", batch.sources);
        boolean merge = !replace && !batch.wholeDump;
        int incoming = batch.records.size();
        Optional<Path> current;
        int before;
        try {
            current = replace ? Optional.empty() : store.currentGeneration(eco);
            before = current.isPresent() ? store.readManifest(current.get()).records() : 0;
        } catch (IOException e) {
            refused.add(sources + ": " + eco + " not changed: the stored data cannot be read (" + Errors.describe(e)
                    + "); to replace it, import with --replace");
            LOG.warn(LogMarkers.FILE_ONLY, "cannot read the stored {} data in {}", eco, store.dir(), e);
            return;
        }
        if (!replace && batch.wholeDump && shrinksSharply(before, incoming)) {
            refused.add(sources + ": " + eco + " not replaced: the dump holds " + incoming
                    + " records, fewer than half of the " + before + " stored (a truncated or wrong dump?); "
                    + "to replace them anyway, import it with --replace");
            LOG.warn(LogMarkers.FILE_ONLY, "not replacing {} stored {} records by the {} of {}", before, eco, incoming,
                    sources);
            return;
        }
        EcosystemManifest manifest = writer.swapIn(eco, batch, spool, merge ? current.orElse(null) : null);
        imported.add(new EcosystemImport(manifest, merge && current.isPresent(), before, incoming));
    }

    /** One source being read: where its records go, what was malformed or dropped. */
    private static final class SourceRead {
        final Path source;
        final String label;
        final boolean wholeDump;
        final Map<Ecosystem, EcosystemBatch> batches = new EnumMap<>(Ecosystem.class);
        final List<String> malformed = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();
        int entries;

        SourceRead(Path source, String label, boolean wholeDump) {
            this.source = source;
            this.label = label;
            this.wholeDump = wholeDump;
        }
    }

    /**
     * Reads one source, parsing entries in parallel (JSON parsing dominates an import) while the reader
     * streams the next ones; a bounded number of entries is in flight so memory stays flat.
     */
    private void readSource(SourceRead read, RecordSpool spool) throws IOException, DumpRefusedException,
            InterruptedException {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        List<IOException> spoolFailures = new ArrayList<>();
        try (ExecutorService pool = NamedThreads.virtualExecutor("osv-import")) {
            reader.read(read.source, (name, bytes) -> {
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        accept(read, name, bytes, spool);
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
        read.malformed.sort(null);
        read.dropped.sort(null);
    }

    private void accept(SourceRead read, String entry, byte[] bytes, RecordSpool spool) throws IOException {
        String where = entry.equals(read.source.getFileName().toString()) ? entry
                : read.source.getFileName() + "!" + entry;
        OsvRecord record;
        try {
            record = parser.parse(bytes);
        } catch (MalformedRecordException e) {
            addMalformed(read, where + ": " + e.getMessage());
            return;
        } catch (JsonProcessingException e) {
            addMalformed(read, where + ": invalid JSON: " + e.getOriginalMessage());
            return;
        } catch (IOException | RuntimeException e) {
            addMalformed(read, where + ": " + e.getMessage());
            return;
        }
        if (record.affected().isEmpty()) {
            synchronized (read) {
                read.entries++;
                read.dropped.add(record.id() + " (" + where + ")");
            }
            return;
        }
        long[] slot = record.isWithdrawn() ? null : spool.append(record);
        synchronized (read) {
            read.entries++;
            collect(read, record, slot);
        }
    }

    private static void addMalformed(SourceRead read, String message) {
        synchronized (read) {
            read.entries++;
            read.malformed.add(message);
        }
    }

    private static void collect(SourceRead read, OsvRecord record, long[] slot) {
        Map<Ecosystem, Set<String>> names = new EnumMap<>(Ecosystem.class);
        Map<Ecosystem, Boolean> informational = new EnumMap<>(Ecosystem.class);
        for (OsvAffected a : record.affected()) {
            names.computeIfAbsent(a.ecosystem(), k -> new LinkedHashSet<>()).add(a.name());
            informational.merge(a.ecosystem(), a.informational() != null, Boolean::logicalAnd);
        }
        names.forEach((eco, ecoNames) -> {
            EcosystemBatch batch = read.batches.computeIfAbsent(eco, k -> new EcosystemBatch());
            batch.sources.add(read.label);
            batch.wholeDump |= read.wholeDump;
            if (slot == null) {
                batch.withdrawn.add(record.id());
            } else {
                batch.add(new SpoolEntry(record.id(), record.modified(), slot[0], (int) slot[1],
                        List.copyOf(ecoNames), informational.get(eco)));
            }
        });
    }

    /** Between entries, packages and ecosystems: an interrupt cancels the import there. */
    static void cancellationPoint() throws InterruptedException {
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
}
