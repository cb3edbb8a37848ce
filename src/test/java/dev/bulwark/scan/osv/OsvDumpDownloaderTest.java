package dev.bulwark.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.util.NamedThreads;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real HTTP server on 127.0.0.1. */
class OsvDumpDownloaderTest {
    @TempDir
    Path tmp;
    private final ExecutorService httpThreads = NamedThreads.virtualExecutor("test-http");
    private HttpClient client;
    private byte[] dump;

    @BeforeEach
    void setUp() throws Exception {
        client = HttpClient.newBuilder().executor(httpThreads).connectTimeout(Duration.ofSeconds(5)).build();
        dump = Files.readAllBytes(OsvFixtures.allRecordsZip(tmp));
    }

    @AfterEach
    void tearDown() {
        client.close();
        httpThreads.close();
    }

    private OsvDumpDownloader downloader(DumpServer server) {
        return new OsvDumpDownloader(client, server.base(), tmp.resolve("dl"), OsvJson.newMapper(), Duration.ofSeconds(10));
    }

    @Test
    void downloadsThenAnswersNotModifiedWithConditionalGet() throws Exception {
        try (DumpServer server = new DumpServer()) {
            server.files.put("/PyPI/all.zip", dump);
            List<OsvDumpDownloader.Progress> progress = new ArrayList<>();

            var first = downloader(server).download(Ecosystem.PYPI, progress::add);
            var second = downloader(server).download(Ecosystem.PYPI, p -> { });

            assertThat(first.state()).isEqualTo(OsvDumpDownloader.State.DOWNLOADED);
            assertThat(Files.readAllBytes(first.file())).isEqualTo(dump);
            assertThat(progress.getLast().bytes()).isEqualTo(dump.length);
            assertThat(progress.getLast().total()).isEqualTo(dump.length);
            assertThat(second.state()).isEqualTo(OsvDumpDownloader.State.NOT_MODIFIED);
            assertThat(server.requests.get(1).get("If-None-Match")).isEqualTo(DumpServer.etag(dump));
            assertThat(server.requests.get(1).get("If-Modified-Since")).isEqualTo(DumpServer.LAST_MODIFIED);
        }
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        int port;
        try (DumpServer server = new DumpServer()) {
            server.files.put("/Go/all.zip", dump);
            server.cutNextAfter.set(dump.length / 2);
            port = server.base().getPort();

            var broken = downloader(server).download(Ecosystem.GO, p -> { });

            assertThat(broken.state()).isEqualTo(OsvDumpDownloader.State.FAILED);
            assertThat(broken.message()).contains("run again to resume");
            assertThat(Files.exists(downloader(server).dumpFile(Ecosystem.GO))).isFalse();
        }
        try (DumpServer restarted = new DumpServer()) {
            restarted.files.put("/Go/all.zip", dump);
            OsvDumpDownloader d = new OsvDumpDownloader(client, restarted.base(), tmp.resolve("dl"), OsvJson.newMapper(),
                    Duration.ofSeconds(10));
            // Same validators, new port: the saved state is per URL, so point the state at the new URL first.
            rewriteStateUrl(port, restarted.base().getPort());

            var resumed = d.download(Ecosystem.GO, p -> { });

            assertThat(resumed.state()).isEqualTo(OsvDumpDownloader.State.DOWNLOADED);
            assertThat(resumed.resumed()).isTrue();
            assertThat(restarted.requests.getFirst().get("Range")).isEqualTo("bytes=" + (dump.length / 2) + "-");
            assertThat(restarted.requests.getFirst().get("If-Range")).isEqualTo(DumpServer.etag(dump));
            assertThat(Files.readAllBytes(resumed.file())).isEqualTo(dump);
        }
    }

    @Test
    void interruptingTheDownloadingThreadStopsItAndKeepsThePartialFileForResuming() throws Exception {
        byte[] big = new byte[1 << 20];
        new java.util.Random(7).nextBytes(big);
        try (DumpServer server = new DumpServer()) {
            server.files.put("/PyPI/all.zip", big);
            OsvDumpDownloader d = downloader(server);
            List<OsvDumpDownloader.Progress> seen = new ArrayList<>();
            OsvDumpDownloader.Outcome cancelled;
            boolean stillInterrupted;
            try {
                // Cancel after the first buffer, on the downloading thread itself (as the GUI's Cancel does).
                cancelled = d.download(Ecosystem.PYPI, p -> {
                    seen.add(p);
                    Thread.currentThread().interrupt();
                });
            } finally {
                stillInterrupted = Thread.interrupted();
            }

            assertThat(cancelled.state()).isEqualTo(OsvDumpDownloader.State.FAILED);
            assertThat(cancelled.message()).contains("interrupted").contains("kept for resuming");
            assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
            assertThat(seen).hasSize(1);
            assertThat(Files.size(d.partFile(Ecosystem.PYPI))).isEqualTo(seen.getFirst().bytes()).isLessThan(big.length);
            assertThat(Files.exists(d.dumpFile(Ecosystem.PYPI))).isFalse();

            var resumed = d.download(Ecosystem.PYPI, p -> { });
            assertThat(resumed.state()).isEqualTo(OsvDumpDownloader.State.DOWNLOADED);
            assertThat(resumed.resumed()).isTrue();
            assertThat(Files.readAllBytes(resumed.file())).isEqualTo(big);
        }
    }

    @Test
    void aServerIgnoringTheRangeRestartsTheDownloadCleanly() throws Exception {
        try (DumpServer server = new DumpServer()) {
            server.files.put("/PyPI/all.zip", dump);
            server.cutNextAfter.set(100);
            int port = server.base().getPort();
            downloader(server).download(Ecosystem.PYPI, p -> { });
            try (DumpServer again = new DumpServer()) {
                again.files.put("/PyPI/all.zip", dump);
                again.ignoreRanges = true;
                rewriteStateUrl(port, again.base().getPort());

                var r = downloader(again).download(Ecosystem.PYPI, p -> { });

                assertThat(r.state()).isEqualTo(OsvDumpDownloader.State.DOWNLOADED);
                assertThat(r.resumed()).isFalse();
                assertThat(Files.readAllBytes(r.file())).isEqualTo(dump);
            }
        }
    }

    @Test
    void httpErrorsAreReportedNotThrown() throws Exception {
        try (DumpServer server = new DumpServer()) {
            var r = downloader(server).download(Ecosystem.NPM, p -> { });
            assertThat(r.state()).isEqualTo(OsvDumpDownloader.State.FAILED);
            assertThat(r.message()).contains("HTTP 404").contains("/npm/all.zip");
        }
    }

    private void rewriteStateUrl(int oldPort, int newPort) throws Exception {
        try (var s = Files.list(tmp.resolve("dl"))) {
            for (Path p : s.filter(f -> f.toString().endsWith("-download.json")).toList()) {
                Files.writeString(p, Files.readString(p).replace(":" + oldPort + "/", ":" + newPort + "/"));
            }
        }
    }
}
