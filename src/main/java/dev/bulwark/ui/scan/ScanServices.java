package dev.bulwark.ui.scan;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.ui.TaskRunner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;

/**
 * What the Vulnerabilities view-models need from the application.
 *
 * @param databaseDir the advisory database folder (same default as the CLI, honouring {@code BULWARK_DB})
 * @param cacheDir    cache for online backends
 * @param dumpBase    where {@code Update} downloads per-ecosystem dumps from
 * @param osvApi      OSV.dev API base for the online backend
 * @param clock       time source for ages
 * @param staleDays   the current stale threshold (Settings)
 * @param history     the last scans
 * @param tasks       background work
 * @param fx          delivers progress on the FX thread
 * @param links       opens references
 * @param toolPath    the {@code PATH} searched for external scanners (osv-scanner, pip-audit)
 */
public record ScanServices(Path databaseDir, Path cacheDir, URI dumpBase, URI osvApi, Clock clock,
                           IntSupplier staleDays, ScanHistory history, TaskRunner tasks, Executor fx,
                           LinkOpener links, String toolPath) {
    /** The database with the current stale threshold. */
    public AdvisoryDatabase database() {
        return new AdvisoryDatabase(databaseDir, clock, Duration.ofDays(staleDays.getAsInt()));
    }
}
