package dev.bulwark.scan.image;

import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.scan.report.ScanSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image scan results keyed by image id ({@code sha256:...}), shared by {@code containers --scan} and the GUI's
 * Containers view: each image is exported and scanned once however many containers run it, and a second caller
 * asking for an image being scanned waits for that scan instead of starting its own. Results that could not read
 * the image are kept too (with their problem), so the caller can show why; {@code again} scans anew. Every new
 * scan that produced a report is stored once in the {@link ScanHistory} given (the Vulnerabilities view's history
 * and the Overview's "last scan" show it), with the image reference as its target; a cached result is not stored again.
 */
public final class ImageScanCache {
    private static final Logger LOG = LoggerFactory.getLogger(ImageScanCache.class);

    /** Opens an image's {@code docker save} stream (an engine's export); the scan closes it. */
    @FunctionalInterface
    public interface Export {
        InputStream open() throws IOException;
    }

    /**
     * One image's scan.
     *
     * @param imageId   the image id
     * @param reference what the image was asked as (a tag or the id), for messages
     * @param at        when the scan finished
     * @param inventory the packages and layers read, null when the image could not be read
     * @param report    the matched report, null when the image could not be read
     * @param problem   why the image could not be read, else null
     * @param unsaved   why the report is not in the scan history (it could not be written), else null
     */
    public record Result(String imageId, String reference, Instant at, ImageInventory inventory, ScanReport report,
                         String problem, String unsaved) {
        /** True when at least one layer could be read (a report that checked something). */
        public boolean read() {
            return report != null && !report.nothingRead();
        }

        /** Active findings per severity (none when nothing was read). */
        public Map<Severity, Integer> active() {
            return report == null ? Map.of() : ScanSummary.activeBySeverity(report);
        }

        /** The highest severity among active findings; empty when there is none or nothing was read. */
        public Optional<Severity> worst() {
            return active().keySet().stream().max(Severity::compareTo);
        }

        /** True when an active finding is HIGH or CRITICAL. */
        public boolean highOrCritical() {
            return worst().filter(s -> s.compareTo(Severity.HIGH) >= 0).isPresent();
        }

        /** What went wrong, or null: the image unreadable, no layer read, or the first of the scan's problems. */
        public String problemText() {
            if (problem != null) {
                return problem;
            }
            if (report.nothingRead()) {
                return "no layer could be read";
            }
            return report.errors().isEmpty() ? null : report.errors().size() + " problem(s): " + report.errors().getFirst();
        }
    }

    private final Clock clock;
    private final ScanHistory history;
    private final Map<String, CompletableFuture<Result>> byImage = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<Result>> listeners = new CopyOnWriteArrayList<>();

    /** A cache whose new scans are stored in {@code history}. */
    public ImageScanCache(Clock clock, ScanHistory history) {
        this.clock = Objects.requireNonNull(clock);
        this.history = Objects.requireNonNull(history);
    }

    /** The finished scan of {@code imageId}, if any. */
    public Optional<Result> get(String imageId) {
        CompletableFuture<Result> f = imageId == null ? null : byImage.get(imageId);
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? Optional.of(f.join()) : Optional.empty();
    }

    /** Calls {@code listener} (on the scanning thread) with every finished scan; close the handle to stop. */
    public AutoCloseable onResult(Consumer<Result> listener) {
        listeners.add(Objects.requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    /**
     * Marks {@code id} ignored for {@code reason} in every finished result that has an active finding with that id
     * (or alias), as a new scan with the image ignore file would: an ignore added in the Vulnerabilities view must
     * not leave the Containers view and the Overview counting the finding until each image is scanned again.
     * Listeners hear of each changed result; a scan running meanwhile reads the file itself and is left alone.
     * The scan history is not touched (the entry shown where the ignore was made is updated there).
     *
     * @return how many results changed
     */
    public int applyIgnore(String id, String reason) {
        int changed = 0;
        for (Map.Entry<String, CompletableFuture<Result>> e : byImage.entrySet()) {
            CompletableFuture<Result> f = e.getValue();
            if (!f.isDone() || f.isCompletedExceptionally()) {
                continue;
            }
            Result r = f.join();
            if (r.report() == null) {
                continue;
            }
            ScanReport updated = ScanSummary.withIgnored(r.report(), id, reason);
            if (updated.findings().equals(r.report().findings())) {
                continue;
            }
            Result next = new Result(r.imageId(), r.reference(), r.at(), r.inventory(), updated, r.problem(),
                    r.unsaved());
            if (byImage.replace(e.getKey(), f, CompletableFuture.completedFuture(next))) {
                changed++;
                listeners.forEach(l -> l.accept(next));
            }
        }
        return changed;
    }

    /**
     * The scan of {@code imageId}: the cached one unless {@code again}, the one in progress when another caller
     * runs it, else a new one on this thread. An export or read failure becomes a {@link Result} with its problem.
     * Interrupting this thread cancels: the export stream is closed, nothing is cached, and
     * {@link InterruptedIOException} is thrown.
     *
     * @param match          turns the inventory into a report ({@code ScanSession::scanImage})
     * @param expectedLayers the image's layer count when known, else -1 (for progress)
     */
    public Result scan(String imageId, String reference, boolean again, Export export, ImageScanner scanner,
                       Function<ImageInventory, ScanReport> match, int expectedLayers, ImageScanner.Progress progress)
            throws InterruptedIOException {
        CompletableFuture<Result> mine = new CompletableFuture<>();
        CompletableFuture<Result> existing;
        if (again) {
            existing = null;
            byImage.put(imageId, mine);
        } else {
            existing = byImage.putIfAbsent(imageId, mine);
        }
        if (existing != null) {
            return await(existing);
        }
        try {
            Result r = run(imageId, reference, export, scanner, match, expectedLayers, progress);
            mine.complete(r);
            listeners.forEach(l -> l.accept(r));
            return r;
        } catch (InterruptedIOException | RuntimeException | Error e) {
            byImage.remove(imageId, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private Result run(String imageId, String reference, Export export, ImageScanner scanner,
                       Function<ImageInventory, ScanReport> match, int expectedLayers, ImageScanner.Progress progress)
            throws InterruptedIOException {
        ImageInventory inventory;
        try (InputStream in = export.open()) {
            inventory = scanner.scanArchive(in, reference, imageId, expectedLayers, progress);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw LayerScanner.cancelled(e);
            }
            LOG.warn("scan of image {} failed", reference, e);
            return new Result(imageId, reference, clock.instant(), null, null, "cannot read image: " + e.getMessage(),
                    null);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw LayerScanner.cancelled(null);
        }
        ScanReport report = match.apply(inventory);
        return new Result(imageId, reference, clock.instant(), inventory, report, null, remember(reference, report));
    }

    /** Stores the report in the history; the reason when it could not be (the scan itself still counts). */
    private String remember(String reference, ScanReport report) {
        try {
            history.add(report);
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("the scan of image {} could not be stored in the scan history {}", reference, history.dir(), e);
            return "not saved in the scan history " + history.dir() + ": " + e.getMessage();
        }
    }

    private static Result await(CompletableFuture<Result> f) throws InterruptedIOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LayerScanner.cancelled(e);
        } catch (CancellationException e) {
            throw LayerScanner.cancelled(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedIOException i) {
                InterruptedIOException copy = new InterruptedIOException("the scan of this image by another caller was cancelled");
                copy.initCause(i);
                throw copy;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
