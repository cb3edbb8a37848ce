package dev.bulwark.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.testsupport.SharedData;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling an import by interrupting its thread, against the real OSV dumps: the import stops, the previous
 * data stays in use, nothing is left behind, and the next import works.
 */
class OsvImportCancellationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
    private static final List<Ecosystem> IMPORTED = List.of(Ecosystem.PYPI, Ecosystem.GO, Ecosystem.CRATES_IO);

    @TempDir
    Path tmp;
    private OsvStore store;
    private OsvImporter importer;
    private Map<Ecosystem, EcosystemManifest> before;
    private Map<Ecosystem, String> currentBefore;

    /** The "previous data": the committed subset (5 PyPI, 3 Go, 2 crates.io records). */
    @BeforeEach
    void importThePreviousData() throws Exception {
        store = OsvFixtures.store(tmp.resolve("db"));
        importer = OsvFixtures.importer(store, CLOCK);
        importer.importDumps(List.of(OsvFixtures.allRecordsZip(tmp)));
        before = manifests();
        currentBefore = currentPointers();
    }

    @Test
    void interruptingTheImportThreadMidwayKeepsThePreviousDataAndTheNextImportWorks() throws Exception {
        Path osv = SharedData.osvDb();
        List<Path> real = List.of(osv.resolve("PyPI/all.zip"), osv.resolve("Go/all.zip"),
                osv.resolve("crates.io/all.zip"));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread importing = NamedThreads.virtual("test-import").newThread(() -> {
            try {
                outcome.set(importer.importDumps(real));
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        importing.start();
        // Mid-way: parsed records are piling up in the scratch file and the import has not finished.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                .until(() -> spoolBytes() > 256 * 1024 || !importing.isAlive());
        assertThat(importing.isAlive()).as("the import is still running when interrupted").isTrue();
        importing.interrupt();
        assertThat(importing.join(Duration.ofSeconds(60))).as("the import stopped").isTrue();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertNothingChanged();
        assertThat(store.index(Ecosystem.PYPI).orElseThrow().lookup("requests")).extracting(OsvRecord::id)
                .containsExactlyInAnyOrder("PYSEC-2018-28", "GHSA-x84v-xcm2-53pg");

        // The lock was released: the same import now runs to the end, with the README's counts.
        ImportResult again = importer.importDumps(real);
        assertThat(again.complete()).isTrue();
        assertThat(store.manifest(Ecosystem.PYPI).orElseThrow().records()).isEqualTo(2661 - 10);
        assertThat(store.manifest(Ecosystem.GO).orElseThrow().records()).isEqualTo(4291 - 17);
        assertThat(store.manifest(Ecosystem.CRATES_IO).orElseThrow().records()).isEqualTo(1206 - 13);
        assertThat(store.index(Ecosystem.PYPI).orElseThrow().lookup("requests")).hasSizeGreaterThan(2);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anImportStartedOnAnInterruptedThreadChangesNothing() throws Exception {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> importer.importDumps(List.of(OsvFixtures.recordsDir())))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertNothingChanged();
        assertThat(importer.importDumps(List.of(OsvFixtures.recordsDir())).complete()).isTrue();
    }

    @Test
    void theDumpReaderStopsBetweenEntries() {
        List<String> seen = new ArrayList<>();
        DumpReader reader = new DumpReader(DumpLimits.defaults());
        try {
            assertThatThrownBy(() -> reader.read(OsvFixtures.recordsDir(), (name, json) -> {
                seen.add(name);
                if (seen.size() == 3) {
                    Thread.currentThread().interrupt();
                }
            })).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(seen).hasSize(3);
    }

    private void assertNothingChanged() throws IOException {
        assertThat(currentPointers()).isEqualTo(currentBefore);
        assertThat(manifests()).isEqualTo(before);
        assertThat(leftovers()).as("scratch files and unfinished generations").isEmpty();
    }

    private Map<Ecosystem, EcosystemManifest> manifests() throws IOException {
        Map<Ecosystem, EcosystemManifest> m = new EnumMap<>(Ecosystem.class);
        for (Ecosystem eco : IMPORTED) {
            m.put(eco, store.manifest(eco).orElseThrow());
        }
        return m;
    }

    private Map<Ecosystem, String> currentPointers() throws IOException {
        Map<Ecosystem, String> m = new EnumMap<>(Ecosystem.class);
        for (Ecosystem eco : IMPORTED) {
            m.put(eco, Files.readString(store.ecosystemDir(eco).resolve(OsvStore.CURRENT)).trim());
        }
        return m;
    }

    private long spoolBytes() throws IOException {
        try (Stream<Path> s = Files.list(store.dir())) {
            long total = 0;
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".spool")).toList()) {
                try {
                    total += Files.size(p);
                } catch (IOException e) {
                    // deleted between listing and sizing: the import has just ended
                }
            }
            return total;
        }
    }

    /** Spool files in the database folder, and generation folders that CURRENT does not name. */
    private List<String> leftovers() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(store.dir())) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".spool")).forEach(found::add);
        }
        for (Ecosystem eco : IMPORTED) {
            Path dir = store.ecosystemDir(eco);
            String current = Files.readString(dir.resolve(OsvStore.CURRENT)).trim();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.equals(current))
                        .forEach(n -> found.add(eco + "/" + n));
            }
        }
        return found;
    }
}
