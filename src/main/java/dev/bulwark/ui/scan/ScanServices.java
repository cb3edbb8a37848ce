package dev.bulwark.ui.scan;

import dev.bulwark.scan.ScanOptions;
import dev.bulwark.scan.ScanSession;
import dev.bulwark.scan.image.ImageInventory;
import dev.bulwark.scan.osv.EcosystemStatus;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import java.util.List;
import java.util.Set;

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
 * @param imageIgnoreFile the per-user ignore file image scans read and "Ignore" on an image report writes
 *                        ({@link dev.bulwark.scan.policy.IgnoreFile#forImages})
 */
public record ScanServices(Path databaseDir, Path cacheDir, URI dumpBase, URI osvApi, Clock clock,
                           IntSupplier staleDays, ScanHistory history, TaskRunner tasks, Executor fx,
                           LinkOpener links, String toolPath, Path imageIgnoreFile) {
    public ScanServices {
        java.util.Objects.requireNonNull(imageIgnoreFile, "imageIgnoreFile");
    }


    /** Options of a scan from the GUI with the chosen backends and VEX documents. */
    public ScanOptions options(Set<String> backends, List<Path> vexFiles) {
        return new ScanOptions(backends, osvApi, cacheDir, toolPath, Duration.ofSeconds(120), null,
                FailOn.parse("high"), false, null, vexFiles);
    }

    /**
     * Matches an image's packages against the offline database with the {@link #imageIgnoreFile()} (what the
     * Containers view's Scan image does).
     *
     * @throws IllegalStateException when the database is empty: a scan against no data would look clean
     */
    public ScanReport matchImage(ImageInventory inventory) {
        try (ScanSession session = new ScanSession(checkedDatabase(Set.of(ScanOptions.OFFLINE)),
                options(Set.of(ScanOptions.OFFLINE), List.of()), new ManifestScanner())) {
            return session.scanImage(inventory, imageIgnoreFile);
        }
    }

    /**
     * The database, refused when only the offline backend is chosen and it holds no data: a scan against no data
     * would look clean (the CLI refuses it too).
     */
    public AdvisoryDatabase checkedDatabase(Set<String> backends) {
        AdvisoryDatabase db = database();
        try {
            if (backends.equals(Set.of(ScanOptions.OFFLINE)) && db.status().stream().noneMatch(EcosystemStatus::present)) {
                throw new IllegalStateException("the advisory database is empty; import or update it first");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the advisory database could not be read: " + e.getMessage(), e);
        }
        return db;
    }

    /** The database with the current stale threshold. */
    public AdvisoryDatabase database() {
        return new AdvisoryDatabase(databaseDir, clock, Duration.ofDays(staleDays.getAsInt()));
    }
}
