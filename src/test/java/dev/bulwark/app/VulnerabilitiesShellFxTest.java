package dev.bulwark.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.osv.EcosystemStatus;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.util.AppPaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell shows the real advisory database state and the Vulnerabilities view, wired by {@link BulwarkApp}. */
class VulnerabilitiesShellFxTest extends ShellFxTestBase {
    private static final Instant IMPORTED = Instant.parse("2026-11-25T09:00:00Z");

    @TempDir
    Path home;

    private void start(Clock clock) throws Exception {
        fixture.start(AppPaths.under(home), clock);
    }

    private String status() {
        return lookup("#status-advisories").queryAs(Labeled.class).getText();
    }

    @Test
    void statusBarShowsTheRealDatabaseAndTheViewReplacesThePlaceholder() throws Exception {
        Path db = AdvisoryDatabase.resolveDir(null, Map.of(), AppPaths.under(home));
        AdvisoryDatabase database = new AdvisoryDatabase(db, Clock.fixed(IMPORTED, ZoneOffset.UTC), Duration.ofDays(7));
        database.importDumps(List.of(OsvFixtures.recordsDir()));
        int records = database.status().stream().mapToInt(EcosystemStatus::records).sum();

        start(Clock.fixed(IMPORTED.plus(Duration.ofDays(2)), ZoneOffset.UTC));
        await().atMost(Duration.ofSeconds(30)).until(() -> status().equals(
                "Advisories: " + records + " records, 3 ecosystems, 2 days old"));
        clickOn("#nav-vulnerabilities");
        assertThat(lookup("#scan-run").tryQuery()).isPresent();
        await().atMost(Duration.ofSeconds(30)).until(() -> lookup("#scan-db-summary").queryAs(Labeled.class)
                .getText().contains("3 ecosystems"));
        assertThat(lookup("#scan-stale").query().isVisible()).isFalse();
    }

    @Test
    void staleDatabaseIsCalledStaleInTheStatusBarAndTheView() throws Exception {
        Path db = AdvisoryDatabase.resolveDir(null, Map.of(), AppPaths.under(home));
        new AdvisoryDatabase(db, Clock.fixed(IMPORTED, ZoneOffset.UTC), Duration.ofDays(7))
                .importDumps(List.of(OsvFixtures.recordsDir()));
        start(Clock.fixed(IMPORTED.plus(Duration.ofDays(45)), ZoneOffset.UTC));
        await().atMost(Duration.ofSeconds(30)).until(() -> status().endsWith("stale (45 days)"));
        clickOn("#nav-vulnerabilities");
        await().atMost(Duration.ofSeconds(30)).until(() -> lookup("#scan-stale").query().isVisible());
        assertThat(lookup("#scan-stale").queryAs(Labeled.class).getText()).contains("older than 7 days");
    }

    @Test
    void emptyDatabaseSaysSo() throws Exception {
        start(Clock.fixed(IMPORTED, ZoneOffset.UTC));
        await().atMost(Duration.ofSeconds(30)).until(() -> status().equals("Advisories: no database — import one"));
    }
}
