package dev.bulwark.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports the real OSV dumps from {@code ../shared/osv-db}. */
class OsvImporterSharedDataTest {
    @TempDir
    Path tmp;

    @Test
    void importsTheRealDumpsWithCountsMatchingTheirReadme() throws IOException, InterruptedException {
        Path osv = SharedData.osvDb();
        Instant importedAt = Instant.parse("2026-11-01T00:00:00Z");
        OsvStore store = OsvFixtures.store(tmp);
        ImportResult r = OsvFixtures.importer(store, Clock.fixed(importedAt, ZoneOffset.UTC)).importDumps(List.of(
                osv.resolve("PyPI/all.zip"), osv.resolve("Go/all.zip"), osv.resolve("crates.io/all.zip"),
                osv.resolve("GHSA-sample")));

        assertThat(r.refused()).isEmpty();
        assertThat(r.malformed()).isEmpty();
        // README: PyPI 2,661 records, 10 withdrawn; Go 4,291, 17 withdrawn; crates.io 1,206, 13 withdrawn;
        // plus GHSA samples for PyPI (2).
        assertThat(store.manifest(Ecosystem.PYPI).orElseThrow().records()).isEqualTo(2661 - 10 + 2);
        assertThat(store.manifest(Ecosystem.PYPI).orElseThrow().withdrawn()).isEqualTo(10);
        assertThat(store.manifest(Ecosystem.GO).orElseThrow().records()).isEqualTo(4291 - 17);
        assertThat(store.manifest(Ecosystem.CRATES_IO).orElseThrow().records()).isEqualTo(1206 - 13);
        assertThat(store.manifest(Ecosystem.NPM).orElseThrow().records()).isEqualTo(2);
        assertThat(store.manifest(Ecosystem.RUBYGEMS).orElseThrow().records()).isEqualTo(1);

        List<EcosystemStatus> status = new DatabaseStatusReader(store,
                Clock.fixed(importedAt.plus(Duration.ofDays(10)), ZoneOffset.UTC), Duration.ofDays(7)).read();
        EcosystemStatus go = status.stream().filter(s -> s.ecosystem().equals("Go")).findFirst().orElseThrow();
        assertThat(go.ageDays()).isEqualTo(10);
        assertThat(go.stale()).isTrue();
        assertThat(go.sources()).singleElement().asString().endsWith("all.zip");
    }
}
