package dev.bulwark.scan.osv;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads OSV.dev-style per-ecosystem dumps ({@code <base>/<Ecosystem>/all.zip}) over HTTP with
 * conditional GET (ETag / Last-Modified → 304) and resumption of an interrupted download (Range +
 * If-Range; a server that ignores the range makes it restart cleanly).
 */
public final class OsvDumpDownloader {
    /** OSV.dev's public bucket of per-ecosystem dumps. */
    public static final URI DEFAULT_BASE = URI.create("https://osv-vulnerabilities.storage.googleapis.com/");
    private static final Logger LOG = LoggerFactory.getLogger(OsvDumpDownloader.class);
    private static final int BUFFER = 64 * 1024;

    /** Progress of one download. {@code total} is -1 when unknown. */
    public record Progress(Ecosystem ecosystem, long bytes, long total) {
    }

    /** How a download ended. */
    public enum State { DOWNLOADED, NOT_MODIFIED, FAILED }

    /**
     * Result of one ecosystem's download.
     *
     * @param ecosystem ecosystem
     * @param state     outcome
     * @param file      the complete dump (for DOWNLOADED and NOT_MODIFIED), or null
     * @param message   human detail
     * @param resumed   true when a partial download was continued
     */
    public record Outcome(Ecosystem ecosystem, State state, Path file, String message, boolean resumed) {
    }

    private final HttpClient client;
    private final URI base;
    private final Path dir;
    private final ObjectMapper mapper;
    private final Duration timeout;

    /** {@code dir} holds the dumps, partial files and validators; the caller owns {@code client}. */
    public OsvDumpDownloader(HttpClient client, URI base, Path dir, ObjectMapper mapper, Duration timeout) {
        this.client = client;
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.dir = dir;
        this.mapper = mapper;
        this.timeout = timeout;
    }

    /** The URL of an ecosystem's dump. */
    public URI urlOf(Ecosystem eco) {
        return base.resolve(eco.osvName() + "/all.zip");
    }

    /**
     * The size the server announces for an ecosystem's dump now ({@code HEAD}, its {@code Content-Length}),
     * empty when the server does not say.
     *
     * @throws IOException when the server cannot be reached or answers with an error status
     */
    public java.util.OptionalLong announcedSize(Ecosystem eco) throws IOException, InterruptedException {
        URI url = urlOf(eco);
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(url).timeout(timeout)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(url + ": HTTP " + r.statusCode());
        }
        return r.headers().firstValueAsLong("Content-Length");
    }

    /**
     * Downloads one ecosystem's dump if changed; never throws for network problems (FAILED instead).
     * Interrupting the calling thread stops the transfer between buffers: the outcome is FAILED ("interrupted"),
     * the thread's interrupt status is kept for the caller, and the partial file stays for a later resume.
     */
    public Outcome download(Ecosystem eco, Consumer<Progress> progress) {
        URI url = urlOf(eco);
        try {
            Files.createDirectories(dir);
            return fetch(eco, url, progress);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // The HTTP body stream reports an interrupt as an IOException; it is a cancellation.
                return interrupted(eco, url);
            }
            LOG.warn("download of {} failed", url, e);
            Path part = partFile(eco);
            String kept = Files.exists(part) ? "; " + size(part) + " bytes kept, run again to resume" : "";
            return new Outcome(eco, State.FAILED, null, url + ": " + e.getMessage() + kept, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return interrupted(eco, url);
        }
    }

    private Outcome interrupted(Ecosystem eco, URI url) {
        Path part = partFile(eco);
        String kept = Files.exists(part) ? "; " + size(part) + " bytes kept for resuming" : "";
        LOG.info("download of {} cancelled{}", url, kept);
        return new Outcome(eco, State.FAILED, null, url + ": interrupted" + kept, false);
    }

    private Outcome fetch(Ecosystem eco, URI url, Consumer<Progress> progress) throws IOException, InterruptedException {
        DownloadState state = readState(eco).filter(s -> url.toString().equals(s.url()))
                .orElse(DownloadState.empty(url.toString()));
        Path part = partFile(eco);
        Path complete = dumpFile(eco);
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(timeout).GET();
        long have = 0;
        boolean resuming = Files.exists(part) && (state.partialEtag() != null || state.partialLastModified() != null);
        if (resuming) {
            have = size(part);
            req.header("Range", "bytes=" + have + "-");
            req.header("If-Range", state.partialEtag() != null ? state.partialEtag() : state.partialLastModified());
        } else if (Files.exists(complete)) {
            if (state.etag() != null) {
                req.header("If-None-Match", state.etag());
            }
            if (state.lastModified() != null) {
                req.header("If-Modified-Since", state.lastModified());
            }
        }
        HttpResponse<InputStream> res = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = res.statusCode();
        try (InputStream body = res.body()) {
            if (status == 304) {
                return new Outcome(eco, State.NOT_MODIFIED, complete, "not modified since last download", false);
            }
            if (status == 416 && resuming) {
                // The partial file no longer fits the resource: start over next time, cleanly.
                Files.deleteIfExists(part);
                writeState(eco, new DownloadState(url.toString(), state.etag(), state.lastModified(), null, null));
                return new Outcome(eco, State.FAILED, null, url + ": range not satisfiable; partial file discarded, "
                        + "run again", false);
            }
            if (status != 200 && status != 206) {
                return new Outcome(eco, State.FAILED, null, url + ": HTTP " + status, false);
            }
            boolean append = status == 206 && resuming;
            String etag = res.headers().firstValue("ETag").orElse(null);
            String lastModified = res.headers().firstValue("Last-Modified").orElse(null);
            long total = total(res, append ? have : 0);
            // Remember the validators before the body arrives, so an interruption can be resumed.
            writeState(eco, new DownloadState(url.toString(), state.etag(), state.lastModified(), etag, lastModified));
            long written = append ? have : 0;
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = body.read(buf)) > 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("download of " + url + " cancelled");
                    }
                    out.write(buf, 0, n);
                    written += n;
                    progress.accept(new Progress(eco, written, total));
                }
            }
            if (total >= 0 && written != total) {
                throw new IOException("connection closed after " + written + " of " + total + " bytes");
            }
            Files.move(part, complete, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            writeState(eco, new DownloadState(url.toString(), etag, lastModified, null, null));
            return new Outcome(eco, State.DOWNLOADED, complete, written + " bytes" + (append ? " (resumed at " + have
                    + ")" : ""), append);
        }
    }

    private static long total(HttpResponse<?> res, long offset) {
        Optional<String> range = res.headers().firstValue("Content-Range");
        if (range.isPresent() && range.get().contains("/") && !range.get().endsWith("/*")) {
            return Long.parseLong(range.get().substring(range.get().lastIndexOf('/') + 1).trim());
        }
        return res.headers().firstValueAsLong("Content-Length").stream().map(l -> l + offset).findFirst().orElse(-1L);
    }

    /** The last complete dump of an ecosystem. */
    public Path dumpFile(Ecosystem eco) {
        return dir.resolve(eco.key() + "-all.zip");
    }

    Path partFile(Ecosystem eco) {
        return dir.resolve(eco.key() + "-all.zip.part");
    }

    private Path stateFile(Ecosystem eco) {
        return dir.resolve(eco.key() + "-download.json");
    }

    private Optional<DownloadState> readState(Ecosystem eco) {
        Path f = stateFile(eco);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(f.toFile(), DownloadState.class));
        } catch (IOException e) {
            LOG.warn("ignoring unreadable download state {}: {}", f, e.getMessage());
            return Optional.empty();
        }
    }

    private void writeState(Ecosystem eco, DownloadState s) throws IOException {
        AtomicFiles.write(stateFile(eco), out -> out.write(mapper.writeValueAsBytes(s)));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
