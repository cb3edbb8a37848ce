package dev.bulwark.scan.osv;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Updates the advisory database from the per-ecosystem dumps ({@code <base>/<Ecosystem>/all.zip}): downloads each
 * wanted ecosystem (conditional, resumable, see {@link OsvDumpDownloader}) and imports those that changed, plus
 * those found up to date whose ecosystem is still empty in the store (an earlier import failed or was cancelled
 * after the download). Each dump is labelled with its URL. The one update behind the CLI's {@code db update} and
 * the console's Update button.
 */
public final class DumpUpdater {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Imports dumps into the database; {@code labels} name where each file came from. */
    @FunctionalInterface
    public interface Importer {
        /**
         * Imports {@code sources}.
         *
         * @throws IOException          when the import cannot be done at all
         * @throws InterruptedException when the calling thread is interrupted
         */
        ImportResult importDumps(List<Path> sources, Map<Path, String> labels, boolean replace)
                throws IOException, InterruptedException;
    }

    /** Hears of an update as it goes, on the updating thread. Every method does nothing by default. */
    public interface Listener {
        /**
         * The download of {@code eco}, number {@code index} of {@code count}, starts.
         *
         * @return where its progress goes
         */
        default Consumer<OsvDumpDownloader.Progress> downloading(int index, int count, Ecosystem eco) {
            return p -> { };
        }

        /** A download ended (downloaded, up to date or failed). */
        default void downloaded(Step step) {
        }

        /** The import of {@code dumps} downloaded files starts. */
        default void importing(int dumps) {
        }
    }

    /**
     * One ecosystem's download.
     *
     * @param outcome  what the download did
     * @param imported whether its dump is imported: downloaded, or up to date while the ecosystem is empty
     */
    public record Step(OsvDumpDownloader.Outcome outcome, boolean imported) {
        /** Up to date and its data already in the store: nothing to do. */
        public boolean upToDate() {
            return outcome.state() == OsvDumpDownloader.State.NOT_MODIFIED && !imported;
        }

        /** The download failed ({@link OsvDumpDownloader.Outcome#message()} says why). */
        public boolean failed() {
            return outcome.state() == OsvDumpDownloader.State.FAILED;
        }
    }

    /**
     * What an update did.
     *
     * @param steps    every wanted ecosystem's download, in the order asked
     * @param imported the import of the changed dumps, or null when there was none
     * @param importMs how long that import took
     */
    public record Result(List<Step> steps, ImportResult imported, long importMs) {
        /** Copies the steps. */
        public Result {
            steps = List.copyOf(steps);
        }

        /** Whether some download failed. */
        public boolean anyDownloadFailed() {
            return steps.stream().anyMatch(Step::failed);
        }
    }

    private final OsvStore store;
    private final Path downloads;
    private final ObjectMapper mapper;
    private final Importer importer;
    private final URI base;
    private final Duration timeout;

    /**
     * An updater of the database whose records are in {@code store}.
     *
     * @param store     tells which ecosystems are empty
     * @param downloads where dumps are downloaded to and kept (with their validators, for conditional GETs)
     * @param mapper    reads and writes the download state
     * @param importer  imports the changed dumps
     * @param base      the dump server, e.g. {@link OsvDumpDownloader#DEFAULT_BASE}
     * @param timeout   per download
     */
    public DumpUpdater(OsvStore store, Path downloads, ObjectMapper mapper, Importer importer, URI base,
                       Duration timeout) {
        this.store = store;
        this.downloads = downloads;
        this.mapper = mapper;
        this.importer = importer;
        this.base = base;
        this.timeout = timeout;
    }

    /**
     * What downloading {@code wanted} would transfer, as the server announces it now.
     *
     * @param bytes    the sum of the announced sizes
     * @param unknown  ecosystems whose size the server did not announce or that failed ({@code problems})
     * @param problems one line per failed ecosystem ({@code PyPI: HTTP 404})
     */
    public record DownloadSize(long bytes, int unknown, List<String> problems) {
        public DownloadSize {
            problems = List.copyOf(problems);
        }
    }

    /** Asks the dump server ({@code HEAD}) for the size of each wanted dump; one failure leaves the rest. */
    public DownloadSize downloadSize(List<Ecosystem> wanted) throws InterruptedException {
        long bytes = 0;
        int unknown = 0;
        List<String> problems = new ArrayList<>();
        try (ExecutorService threads = NamedThreads.virtualExecutor("db-size");
             HttpClient client = HttpClient.newBuilder().executor(threads).connectTimeout(CONNECT_TIMEOUT)
                     .followRedirects(HttpClient.Redirect.NORMAL).build()) {
            OsvDumpDownloader downloader = new OsvDumpDownloader(client, base, downloads, mapper, timeout);
            for (Ecosystem eco : wanted) {
                checkInterrupt();
                try {
                    java.util.OptionalLong n = downloader.announcedSize(eco);
                    if (n.isPresent()) {
                        bytes += n.getAsLong();
                    } else {
                        unknown++;
                    }
                } catch (IOException e) {
                    unknown++;
                    problems.add(eco.osvName() + ": " + dev.bulwark.util.Errors.describe(e));
                }
            }
        }
        return new DownloadSize(bytes, unknown, problems);
    }

    /**
     * Downloads {@code wanted} one after the other, then imports what changed in one import.
     *
     * @param replace accept a dump even when it holds fewer than half of the stored records
     * @throws InterruptedException when the thread is interrupted: a download stops between buffers (its partial
     *                              file is kept for resuming), an import between records
     */
    public Result update(List<Ecosystem> wanted, boolean replace, Listener listener)
            throws IOException, InterruptedException {
        List<Step> steps = new ArrayList<>();
        List<Path> toImport = new ArrayList<>();
        Map<Path, String> labels = new HashMap<>();
        try (ExecutorService threads = NamedThreads.virtualExecutor("db-update");
             HttpClient client = HttpClient.newBuilder().executor(threads).connectTimeout(CONNECT_TIMEOUT)
                     .followRedirects(HttpClient.Redirect.NORMAL).build()) {
            OsvDumpDownloader downloader = new OsvDumpDownloader(client, base, downloads, mapper, timeout);
            for (int i = 0; i < wanted.size(); i++) {
                checkInterrupt();
                Ecosystem eco = wanted.get(i);
                OsvDumpDownloader.Outcome o = downloader.download(eco, listener.downloading(i, wanted.size(), eco));
                boolean imported = switch (o.state()) {
                    case DOWNLOADED -> true;
                    case NOT_MODIFIED -> store.manifest(eco).isEmpty();
                    case FAILED -> false;
                };
                if (imported) {
                    toImport.add(o.file());
                    labels.put(o.file(), downloader.urlOf(eco).toString());
                }
                Step step = new Step(o, imported);
                steps.add(step);
                listener.downloaded(step);
            }
        }
        checkInterrupt();
        if (toImport.isEmpty()) {
            return new Result(steps, null, 0);
        }
        listener.importing(toImport.size());
        long start = System.nanoTime();
        ImportResult r = importer.importDumps(toImport, labels, replace);
        return new Result(steps, r, (System.nanoTime() - start) / 1_000_000);
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
    }
}
