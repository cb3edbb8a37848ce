package dev.bulwark.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.osv.DatabaseStatusReader;
import dev.bulwark.scan.osv.DumpLimits;
import dev.bulwark.scan.osv.DumpReader;
import dev.bulwark.scan.osv.DumpUpdater;
import dev.bulwark.scan.osv.EcosystemStatus;
import dev.bulwark.scan.osv.ImportResult;
import dev.bulwark.scan.osv.OsvImporter;
import dev.bulwark.scan.osv.OsvJson;
import dev.bulwark.scan.osv.OsvParser;
import dev.bulwark.scan.osv.OsvStore;
import dev.bulwark.util.AppPaths;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local advisory database in one folder: import, status and the store the offline backend reads.
 * Resolution of the folder: {@code --db DIR}, else {@code BULWARK_DB}, else {@code <user data dir>/osv-db}.
 */
public final class AdvisoryDatabase {
    /** Days after which data is called stale unless configured otherwise. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    private final Path dir;
    /** Built on first use: a scan of a current database needs no databind (issue 12's cold start). */
    private volatile ObjectMapper mapper;
    private final OsvStore store;
    private final Clock clock;
    private final Duration maxAge;

    public AdvisoryDatabase(Path dir, Clock clock, Duration maxAge) {
        this.dir = dir;
        this.store = new OsvStore(dir);
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The folder to use given an explicit option (may be null), the environment and the user's paths. */
    public static Path resolveDir(Path option, Map<String, String> env, AppPaths paths) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get("BULWARK_DB");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return paths.data().resolve("osv-db");
    }

    public Path dir() {
        return dir;
    }

    public OsvStore store() {
        return store;
    }

    /** The mapper for the online backends, imports and data of the former JSON format; built on first call. */
    public ObjectMapper mapper() {
        ObjectMapper m = mapper;
        if (m == null) {
            synchronized (this) {
                m = mapper;
                if (m == null) {
                    m = OsvJson.newMapper();
                    mapper = m;
                }
            }
        }
        return m;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Imports dumps (zip, JSON file or folder of JSON), all-or-nothing per ecosystem: whole dumps replace their
     * ecosystems (unless that would shrink one sharply), other sources merge into them; see {@link OsvImporter}.
     *
     * @throws InterruptedException when the calling thread is interrupted: the import stops, ecosystems not yet
     *                              swapped in keep their previous data
     */
    public ImportResult importDumps(List<Path> sources) throws IOException, InterruptedException {
        return importDumps(sources, Map.of(), false);
    }

    /**
     * Imports dumps, recording the given labels (e.g. download URLs) as their sources.
     *
     * @param replace every source replaces the ecosystems it holds, even when that shrinks them sharply
     */
    public ImportResult importDumps(List<Path> sources, Map<Path, String> labels, boolean replace)
            throws IOException, InterruptedException {
        return new OsvImporter(store, new DumpReader(DumpLimits.defaults()), new OsvParser(mapper()), clock)
                .importDumps(sources, labels, replace);
    }

    /**
     * The updater from the per-ecosystem dumps at {@code base}, downloading into {@code <dir>/downloads} and
     * importing here.
     */
    public DumpUpdater updater(URI base, Duration downloadTimeout) {
        return new DumpUpdater(store(), dir.resolve("downloads"), mapper(), this::importDumps, base, downloadTimeout);
    }

    public DatabaseStatusReader statusReader() {
        return new DatabaseStatusReader(store, clock, maxAge);
    }

    /**
     * Per-ecosystem counts, sources and ages. Removes first what interrupted imports left behind, when no import
     * is running (see {@link OsvStore#removeLeftovers()}), so {@code db status}, a scan and the GUI clean up.
     */
    public List<EcosystemStatus> status() throws IOException {
        store.removeLeftovers();
        return statusReader().read();
    }

    public Duration maxAge() {
        return maxAge;
    }
}
