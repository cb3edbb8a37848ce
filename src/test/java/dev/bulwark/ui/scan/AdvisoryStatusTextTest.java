package dev.bulwark.ui.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.osv.EcosystemStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvisoryStatusTextTest {
    private static EcosystemStatus present(String eco, int records, long days) {
        return new EcosystemStatus(eco, records, List.of("x"), Instant.EPOCH, days, false, 0, 0);
    }

    private static EcosystemStatus missing(String eco) {
        return new EcosystemStatus(eco, 0, List.of(), null, -1, true, 0, 0);
    }

    @Test
    void summarisesRecordsEcosystemsAndTheOldestAge() {
        var s = List.of(present("PyPI", 5000, 2), present("Go", 3000, 1), present("crates.io", 1158, 0), missing("npm"));
        assertThat(AdvisoryStatusText.statusBar(s, 7)).isEqualTo("Advisories: 9,158 records, 3 ecosystems, 2 days old");
        assertThat(AdvisoryStatusText.staleWarning(s, 7)).isNull();
    }

    @Test
    void staleBeyondTheThreshold() {
        var s = List.of(present("PyPI", 10, 45), present("Go", 1, 3));
        assertThat(AdvisoryStatusText.statusBar(s, 30)).isEqualTo("Advisories: 11 records, 2 ecosystems, stale (45 days)");
        assertThat(AdvisoryStatusText.staleWarning(s, 30)).contains("PyPI (45 days)").doesNotContain("Go");
        assertThat(AdvisoryStatusText.statusBar(s, 45)).endsWith("45 days old");
    }

    @Test
    void emptyDatabaseAndAges() {
        assertThat(AdvisoryStatusText.statusBar(List.of(missing("PyPI")), 7)).isEqualTo("Advisories: no database — import one");
        assertThat(AdvisoryStatusText.age(0)).isEqualTo("imported today");
        assertThat(AdvisoryStatusText.age(1)).isEqualTo("1 day old");
        assertThat(AdvisoryStatusText.statusBar(List.of(present("Go", 1, 0)), 7))
                .isEqualTo("Advisories: 1 records, 1 ecosystem, imported today");
    }
}
