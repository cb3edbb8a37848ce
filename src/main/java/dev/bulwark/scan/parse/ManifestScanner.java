package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.ScanError;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers dependency manifests under folders (or takes single files) and parses each one.
 *
 * <p>Never throws for a bad file: a file too large, binary, truncated, too deeply nested or in an
 * unknown format yields a {@link ManifestResult} whose {@code errors} name the file and the problem,
 * and the other files are still parsed. Files are parsed concurrently on named virtual threads; the
 * results come back in discovery order (roots in the given order, each walked in sorted order).
 */
public final class ManifestScanner {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestScanner.class);
    static final String UNKNOWN = "unknown";

    private final List<ManifestParser> parsers;
    private final FormatDetector detector;
    private final ParseLimits limits;

    /** A scanner with {@link ParseLimits#DEFAULTS}. */
    public ManifestScanner() {
        this(ParseLimits.DEFAULTS);
    }

    /** A scanner with explicit limits (file size cap, nesting depth, include depth). */
    public ManifestScanner(ParseLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
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

    /** Parses one file, choosing the format from its name or, failing that, its content. */
    public ManifestResult parse(Path file) {
        Path abs = file.toAbsolutePath().normalize();
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
        ParseSink sink = new ParseSink(abs, p.format());
        try {
            p.parse(input, sink);
            return sink.result();
        } catch (ManifestFormatException e) {
            return ManifestResult.failed(abs, p.format(), new ScanError(abs, e.line(), p.format(), e.getMessage()));
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
