package dev.bulwark.cli;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.util.AppPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by every command that touches the advisory database. */
public final class DbOptions {
    @Option(names = "--db", paramLabel = "DIR",
            description = "Advisory database folder (default: $BULWARK_DB, else <user data dir>/osv-db).")
    Path db;

    @Option(names = "--max-age-days", paramLabel = "DAYS", defaultValue = "7",
            description = "Warn when advisory data is older than this many days (default: ${DEFAULT-VALUE}).")
    int maxAgeDays;

    /** Opens the database folder this invocation means. */
    AdvisoryDatabase open(Clock clock) {
        Path dir = AdvisoryDatabase.resolveDir(db, System.getenv(), AppPaths.forCurrentUser());
        return new AdvisoryDatabase(dir, clock, Duration.ofDays(Math.max(0, maxAgeDays)));
    }
}
