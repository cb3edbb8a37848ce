package dev.bulwark.ui.overview;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.ScanOptions;
import dev.bulwark.scan.ScanSession;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A real offline scan (committed OSV subset, a real requirements.txt) remembered in a real {@link ScanHistory}:
 * what the Vulnerabilities view leaves behind after a scan.
 */
public final class RealScan {
    private RealScan() {
    }

    /** Imports the OSV subset into {@code dbDir} (imported "now" by {@code clock}). */
    public static AdvisoryDatabase importSubset(Path dbDir, Clock clock) throws IOException, InterruptedException {
        AdvisoryDatabase db = new AdvisoryDatabase(dbDir, clock, Duration.ofDays(7));
        db.importDumps(List.of(OsvFixtures.recordsDir()));
        return db;
    }

    /** Scans a project with three vulnerable PyPI pins offline and stores the report in {@code history}. */
    public static ScanHistory.Entry scanInto(AdvisoryDatabase db, Path work, ScanHistory history) throws Exception {
        Path project = Files.createDirectories(work.resolve("project"));
        Files.writeString(project.resolve("requirements.txt"), "requests==2.19.1\njinja2==2.10\npy==1.11.0\n");
        ScanOptions options = new ScanOptions(Set.of(ScanOptions.OFFLINE), URI.create("http://127.0.0.1:9/"),
                work.resolve("cache"), "", Duration.ofSeconds(30), null, FailOn.HIGH, false, null);
        ScanReport report;
        try (ScanSession session = new ScanSession(db, options, new ManifestScanner())) {
            report = session.scan(List.of(project), f -> { });
        }
        return history.add(report);
    }
}
