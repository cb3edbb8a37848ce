package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.ScanError;
import dev.bulwark.util.LazyLogger;
import dev.bulwark.util.LogMarkers;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Discovers dependency manifests under folders (or takes single files) and parses each one.
 *
 * <p>Never throws for a bad file: a file too large, binary, truncated, too deeply nested, yielding too many
 * entries or in an unknown format yields a {@link ManifestResult} whose {@code errors} name the file and the
 * problem, and the other files are still parsed. Files are parsed concurrently on named virtual threads, but only
 * while their sizes add up to half of {@link ParseLimits#maxFileBytes()}: a large file is parsed alone, so memory
 * stays bounded whatever the number of large files. The results come back in discovery order (roots in the given
 * order, each walked in sorted order).
 */
public final class ManifestScanner {
    private static final Logger LOG = LazyLogger.of(ManifestScanner.class);
    static final String UNKNOWN = "unknown";

    private final List<ManifestParser> parsers;
    private final FormatDetector detector;
    private final ParseLimits limits;
    /** KiB of manifests being parsed at once (see the class comment). */
    private final Semaphore parseBudget;
    private final int budgetKib;

    /** A scanner with {@link ParseLimits#DEFAULTS}. */
    public ManifestScanner() {
        this(ParseLimits.DEFAULTS);
    }

    /** A scanner with explicit limits (file size cap, nesting depth, include depth). */
    public ManifestScanner(ParseLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budgetKib = (int) Math.clamp(limits.maxFileBytes() / 2 / 1024, 1, Integer.MAX_VALUE);
        this.parseBudget = new Semaphore(budgetKib, true);
        Parsing parsing = new Parsing(limits);
        this.parsers = Parsers.all(parsing);
        this.detector = new FormatDetector(parsers);
    }

    /** The format names this scanner understands, e.g. {@code requirements.txt}, {@code Cargo.lock}. */
    public List<String> supportedFormats() {
        return parsers.stream().map(ManifestParser::format).toList();
    }

    /** The folder names discovery never descends into. */
    public static java.util.Set<String> skippedDirectories() {
        return ManifestDiscovery.SKIPPED_DIRS;
    }

    /**
     * Scans {@code roots}: each a folder (searched recursively) or a single manifest file.
     *
     * @param onFile told of each manifest as it is discovered, on the calling thread, before parsing
     * @return one result per manifest (and per root that does not exist), in discovery order
     */
    public List<ManifestResult> scan(List<Path> roots, Consumer<Path> onFile) {
        Objects.requireNonNull(roots, "roots");
        Consumer<Path> progress = onFile == null ? p -> { } : onFile;
        ManifestDiscovery.Found found = new ManifestDiscovery(detector::isManifestName).discover(roots);
        List<ManifestResult> results = new ArrayList<>();
        for (ScanError problem : found.problems()) {
            results.add(ManifestResult.failed(problem.file(), UNKNOWN, problem));
        }
        List<Future<ManifestResult>> futures = new ArrayList<>();
        try (ExecutorService pool = NamedThreads.virtualExecutor("manifest-parse")) {
            for (Path file : found.files()) {
                progress.accept(file);
                futures.add(pool.submit(() -> parse(file)));
            }
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), found.files().get(i)));
            }
        }
        return results;
    }

    /**
     * Parses one file, choosing the format from its name or, failing that, its content. Waits while other large
     * files are being parsed (see the class comment).
     */
    public ManifestResult parse(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        int permits = budgetFor(abs);
        try {
            parseBudget.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ManifestResult.failed(abs, UNKNOWN, new ScanError(abs, 0, "parser", "interrupted"));
        }
        try {
            return parseNow(abs);
        } finally {
            parseBudget.release(permits);
        }
    }

    private int budgetFor(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = 0; // reading it will fail and say why
        }
        return (int) Math.clamp((size + 1023) / 1024, 1, budgetKib);
    }

    private ManifestResult parseNow(Path abs) {
        ManifestInput input;
        try {
            input = ManifestInput.read(abs, limits);
        } catch (ManifestFormatException e) {
            return ManifestResult.failed(abs, detector.byName(abs).map(ManifestParser::format).orElse(UNKNOWN),
                    new ScanError(abs, e.line(), "parser", e.getMessage()));
        } catch (IOException e) {
            return ManifestResult.failed(abs, UNKNOWN, new ScanError(abs, 0, "parser", "cannot read file: " + e));
        }
        Optional<ManifestParser> parser = detector.byName(abs).or(() -> detector.byContent(input));
        if (parser.isEmpty()) {
            return ManifestResult.failed(abs, UNKNOWN, new ScanError(abs, 0, "parser",
                    "unknown manifest format; supported: " + String.join(", ", supportedFormats())));
        }
        ManifestParser p = parser.get();
        ParseSink sink = new ParseSink(abs, p.format(), limits.maxEntries());
        try {
            p.parse(input, sink);
            return sink.result();
        } catch (ManifestFormatException e) {
            return ManifestResult.failed(abs, p.format(), new ScanError(abs, e.line(), p.format(), e.getMessage()));
        } catch (TooManyEntriesException e) {
            return ManifestResult.failed(abs, p.format(), new ScanError(abs, 0, p.format(), e.getMessage()));
        } catch (OutOfMemoryError e) {
            // What the parse held is garbage now; this file is refused alone and the others go on.
            LOG.warn(LogMarkers.FILE_ONLY, "out of memory parsing {}", abs, e);
            return ManifestResult.failed(abs, p.format(), new ScanError(abs, 0, p.format(), "too large to parse "
                    + "within the heap (" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); refused: its "
                    + "packages were not checked"));
        } catch (IOException | RuntimeException e) {
            LOG.warn("parser {} failed on {}", p.format(), abs, e);
            return ManifestResult.failed(abs, p.format(), new ScanError(abs, 0, p.format(), "cannot parse: " + e));
        }
    }

    private static ManifestResult await(Future<ManifestResult> future, Path file) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            LOG.warn("parsing {} failed", file, e.getCause());
            return ManifestResult.failed(file, UNKNOWN, new ScanError(file, 0, "parser", "cannot parse: " + e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ManifestResult.failed(file, UNKNOWN, new ScanError(file, 0, "parser", "interrupted"));
        }
    }
}
