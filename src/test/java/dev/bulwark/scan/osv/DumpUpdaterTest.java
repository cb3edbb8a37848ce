package dev.bulwark.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scan.model.Ecosystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one dump update behind {@code db update} and the console's Update, against a real HTTP server on 127.0.0.1. */
class DumpUpdaterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    private byte[] pypi;

    @BeforeEach
    void setUp() throws Exception {
        pypi = Files.readAllBytes(OsvFixtures.zip(tmp.resolve("pypi.zip"), Map.of(
                "PYSEC-2018-28.json", OsvFixtures.record("PYSEC-2018-28"),
                "GHSA-x84v-xcm2-53pg.json", OsvFixtures.record("GHSA-x84v-xcm2-53pg"))));
    }

    private static DumpUpdater updater(OsvStore store, Path downloads, DumpServer server) {
        OsvImporter importer = OsvFixtures.importer(store, CLOCK);
        return new DumpUpdater(store, downloads, OsvJson.newMapper(), importer::importDumps, server.base(),
                Duration.ofSeconds(10));
    }

    /** Records what the listener hears. */
    private static final class Heard implements DumpUpdater.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<OsvDumpDownloader.Progress> progress = new CopyOnWriteArrayList<>();

        @Override
        public Consumer<OsvDumpDownloader.Progress> downloading(int index, int count, Ecosystem eco) {
            events.add("downloading " + index + "/" + count + " " + eco);
            return progress::add;
        }

        @Override
        public void downloaded(DumpUpdater.Step step) {
            events.add(step.outcome().ecosystem() + " " + step.outcome().state() + " imported=" + step.imported());
        }

        @Override
        public void importing(int dumps) {
            events.add("importing " + dumps);
        }
    }

    @Test
    void downloadsImportsWithTheUrlAsSourceThenFindsItUpToDate() throws Exception {
        try (DumpServer server = new DumpServer()) {
            server.files.put("/PyPI/all.zip", pypi);
            OsvStore store = OsvFixtures.store(tmp.resolve("db"));
            DumpUpdater updater = updater(store, tmp.resolve("db/downloads"), server);

            Heard heard = new Heard();
            DumpUpdater.Result first = updater.update(List.of(Ecosystem.PYPI), false, heard);
            assertThat(heard.events).containsExactly("downloading 0/1 PyPI", "PyPI DOWNLOADED imported=true",
                    "importing 1");
            assertThat(heard.progress).isNotEmpty().last()
                    .satisfies(p -> assertThat(p.bytes()).isEqualTo(pypi.length).isEqualTo(p.total()));
            assertThat(first.anyDownloadFailed()).isFalse();
            assertThat(first.imported().imported()).singleElement().satisfies(m -> {
                assertThat(m.records()).isEqualTo(2);
                assertThat(m.sources()).containsExactly(server.base() + "PyPI/all.zip");
            });

            DumpUpdater.Result second = updater.update(List.of(Ecosystem.PYPI), false, new DumpUpdater.Listener() { });
            assertThat(server.requests.get(1)).containsKey("If-None-Match");
            assertThat(second.steps()).singleElement().satisfies(s -> assertThat(s.upToDate()).isTrue());
            assertThat(second.imported()).isNull();
        }
    }

    @Test
    void aDumpUpToDateIsStillImportedWhileItsEcosystemIsEmpty() throws Exception {
        try (DumpServer server = new DumpServer()) {
            server.files.put("/PyPI/all.zip", pypi);
            Path downloads = tmp.resolve("downloads");
            updater(OsvFixtures.store(tmp.resolve("a")), downloads, server)
                    .update(List.of(Ecosystem.PYPI), false, new DumpUpdater.Listener() { });

            // The same downloads, an empty store: the server says 304, the kept dump is imported all the same.
            OsvStore empty = OsvFixtures.store(tmp.resolve("b"));
            DumpUpdater.Result r = updater(empty, downloads, server)
                    .update(List.of(Ecosystem.PYPI), false, new DumpUpdater.Listener() { });
            assertThat(r.steps()).singleElement().satisfies(s -> {
                assertThat(s.outcome().state()).isEqualTo(OsvDumpDownloader.State.NOT_MODIFIED);
                assertThat(s.imported()).isTrue();
                assertThat(s.upToDate()).isFalse();
            });
            assertThat(r.imported()).isNotNull();
            assertThat(empty.manifest(Ecosystem.PYPI)).hasValueSatisfying(m -> assertThat(m.records()).isEqualTo(2));
        }
    }

    @Test
    void aFailedDownloadIsReportedAndTheOthersAreStillImported() throws Exception {
        try (DumpServer server = new DumpServer()) {
            server.files.put("/PyPI/all.zip", pypi);
            OsvStore store = OsvFixtures.store(tmp.resolve("db"));
            Heard heard = new Heard();
            DumpUpdater.Result r = updater(store, tmp.resolve("db/downloads"), server)
                    .update(List.of(Ecosystem.NPM, Ecosystem.PYPI), false, heard);
            assertThat(r.anyDownloadFailed()).isTrue();
            assertThat(r.steps()).extracting(s -> s.outcome().state())
                    .containsExactly(OsvDumpDownloader.State.FAILED, OsvDumpDownloader.State.DOWNLOADED);
            assertThat(r.steps().getFirst().outcome().message()).contains("HTTP 404");
            assertThat(heard.events).contains("downloading 0/2 npm", "downloading 1/2 PyPI", "importing 1");
            assertThat(r.imported().imported()).singleElement()
                    .satisfies(m -> assertThat(m.ecosystem()).isEqualTo("PyPI"));
        }
    }

    @Test
    void anInterruptedThreadStopsBeforeDownloading() throws Exception {
        try (DumpServer server = new DumpServer()) {
            DumpUpdater updater = updater(OsvFixtures.store(tmp.resolve("db")), tmp.resolve("dl"), server);
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> updater.update(List.of(Ecosystem.PYPI), false, new DumpUpdater.Listener() { }))
                        .isInstanceOf(InterruptedException.class);
            } finally {
                Thread.interrupted();
            }
            assertThat(server.requests).isEmpty();
        }
    }
}
