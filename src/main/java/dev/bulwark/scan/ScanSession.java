package dev.bulwark.scan;

import dev.bulwark.scan.backend.ExternalTool;
import dev.bulwark.scan.backend.OfflineOsvBackend;
import dev.bulwark.scan.backend.OsvApiBackend;
import dev.bulwark.scan.backend.OsvScannerBackend;
import dev.bulwark.scan.backend.PipAuditBackend;
import dev.bulwark.scan.backend.VulnerabilityBackend;
import dev.bulwark.scan.match.AffectedEvaluator;
import dev.bulwark.scan.match.FindingGrouper;
import dev.bulwark.scan.match.FixAdvisor;
import dev.bulwark.scan.match.SeverityScorer;
import dev.bulwark.scan.match.VersionOrder;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.model.UnpinnedRequirement;
import dev.bulwark.scan.parse.ManifestResult;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.IgnoreFile;
import dev.bulwark.scan.policy.IgnorePolicy;
import dev.bulwark.scan.policy.IgnoreRule;
import dev.bulwark.scan.report.ScanCoverage;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.scan.vex.VexPolicy;
import dev.bulwark.scan.vex.VexReader;
import dev.bulwark.util.NamedThreads;
import dev.bulwark.util.StartupTrace;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * One configured scanner: parses manifests under the given roots, runs the chosen backends against the
 * advisory database and returns the report. Owns its HTTP client and threads; close it when done.
 */
public final class ScanSession implements AutoCloseable {
    private final AdvisoryDatabase database;
    private final ScanOptions options;
    private final ManifestScanner manifests;
    private final AffectedEvaluator evaluator = new AffectedEvaluator(new VersionOrder());
    private final ExecutorService httpThreads = NamedThreads.virtualExecutor("scan-http");
    private HttpClient http;

    public ScanSession(AdvisoryDatabase database, ScanOptions options, ManifestScanner manifests) {
        this.database = database;
        this.options = options;
        this.manifests = manifests;
    }

    /**
     * Parses and scans {@code roots}; {@code onFile} hears of each manifest found. The report's
     * {@link ScanReport#coverage() coverage} says how many manifests were found and read: when none could be read,
     * {@link ScanReport#nothingRead()} is true and an empty result means nothing, not "clean".
     */
    public ScanReport scan(List<Path> roots, Consumer<Path> onFile) {
        long start = System.nanoTime();
        List<ManifestResult> results = manifests.scan(roots, onFile);
        StartupTrace.mark("scan: manifests read");
        List<PackageRef> packages = new ArrayList<>();
        List<UnpinnedRequirement> unpinned = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int read = 0;
        for (ManifestResult r : results) {
            read += r.parsed() ? 1 : 0;
            r.packages().forEach(p -> packages.add(p.withFile(rel(p.file()))));
            r.unpinned().forEach(u -> unpinned.add(new UnpinnedRequirement(u.ecosystem(), u.name(), u.specifier(),
                    rel(u.file()), u.line())));
            r.errors().forEach(e -> errors.add(new ScanError(rel(e.file()), e.line(), e.source(), e.message())));
            r.notes().forEach(n -> notes.add(rel(r.file()) + ": " + n));
        }
        IgnoreFile.Loaded ignores = loadIgnores(roots);
        errors.addAll(ignores.errors());
        VexReader.Loaded vex = loadVex(errors);
        VulnerabilityScanner scanner = scanner(ignores.rules());
        List<String> rootNames = roots.stream().map(Path::toString).toList();
        ScanReport report = scanner.scan(new VulnerabilityScanner.Request(rootNames, packages, unpinned, errors, notes,
                new ScanCoverage(results.size(), read)));
        report = VexPolicy.applyTo(report, vex);
        return report.withDuration((System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Scans an image inventory with ignore rules from {@code --ignore-file} only (the CLI): see
     * {@link #scanImage(dev.bulwark.scan.image.ImageInventory, Path)}.
     */
    public ScanReport scanImage(dev.bulwark.scan.image.ImageInventory inventory) {
        return scanImage(inventory, null);
    }

    /**
     * Scans an image inventory through the same engine as manifests. Coverage counts layers: when no layer could be
     * read, {@link ScanReport#nothingRead()} is true. An image has no project folder, so ignore rules come from the
     * explicit {@link ScanOptions#ignoreFile()} when set, else from {@code defaultIgnoreFile} (the GUI's per-user
     * {@link IgnoreFile#forImages image ignore file}) when it exists, like a folder's file for a folder scan; VEX
     * documents apply as for manifests.
     *
     * @param defaultIgnoreFile read when present and no explicit ignore file is set; null for none
     */
    public ScanReport scanImage(dev.bulwark.scan.image.ImageInventory inventory, Path defaultIgnoreFile) {
        long start = System.nanoTime();
        IgnoreFile reader = new IgnoreFile();
        IgnoreFile.Loaded ignores = options.ignoreFile() != null ? reader.load(options.ignoreFile())
                : reader.loadIfPresent(defaultIgnoreFile);
        List<ScanError> errors = new ArrayList<>(inventory.errors());
        errors.addAll(ignores.errors());
        List<String> notes = new ArrayList<>(inventory.notes());
        if (inventory.os() != null) {
            notes.add("operating system packages matched as " + inventory.os());
        }
        VexReader.Loaded vex = loadVex(errors);
        ScanReport report = scanner(ignores.rules()).scan(new VulnerabilityScanner.Request(List.of(inventory.source()),
                inventory.packages(), List.of(), errors, notes,
                new ScanCoverage(inventory.layers().size(), inventory.layersRead())));
        report = VexPolicy.applyTo(report, vex);
        return report.withDuration((System.nanoTime() - start) / 1_000_000);
    }

    /** The session's {@code --vex} documents; what cannot be read joins {@code errors}, the rest still applies. */
    private VexReader.Loaded loadVex(List<ScanError> errors) {
        VexReader.Loaded vex = new VexReader().load(options.vexFiles());
        errors.addAll(vex.errors());
        return vex;
    }

    /** The engine with this session's backends and the given ignore rules. */
    public VulnerabilityScanner scanner(List<IgnoreRule> ignoreRules) {
        FixAdvisor fixes = new FixAdvisor(evaluator);
        return new VulnerabilityScanner(backends(), new FindingGrouper(new SeverityScorer(), fixes), fixes,
                new IgnorePolicy(ignoreRules, database.clock()), database.statusReader(), database.clock());
    }

    private List<VulnerabilityBackend> backends() {
        List<VulnerabilityBackend> list = new ArrayList<>();
        for (String name : ScanOptions.ALL_BACKENDS) {
            if (!options.backends().contains(name)) {
                continue;
            }
            switch (name) {
                case ScanOptions.OFFLINE -> list.add(new OfflineOsvBackend(database.store(), evaluator));
                case ScanOptions.ONLINE -> list.add(new OsvApiBackend(http(), options.osvApi(),
                        options.cacheDir().resolve("osv-api"), database.mapper(), evaluator, options.timeout()));
                case ScanOptions.PIP_AUDIT -> list.add(new PipAuditBackend(
                        new ExternalTool("pip-audit", options.toolPath(), options.timeout()), database.mapper(),
                        options.cacheDir().resolve("tools")));
                case ScanOptions.OSV_SCANNER -> list.add(new OsvScannerBackend(
                        new ExternalTool("osv-scanner", options.toolPath(), options.timeout()), database.mapper(),
                        evaluator));
                default -> throw new IllegalArgumentException("unknown backend " + name);
            }
        }
        return list;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().executor(httpThreads).connectTimeout(options.timeout())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    private IgnoreFile.Loaded loadIgnores(List<Path> roots) {
        IgnoreFile reader = new IgnoreFile();
        if (options.ignoreFile() != null) {
            return reader.load(options.ignoreFile());
        }
        Set<Path> candidates = new LinkedHashSet<>();
        for (Path root : roots) {
            Path dir = Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
            if (dir != null) {
                candidates.add(dir.resolve(IgnoreFile.DEFAULT_NAME));
            }
        }
        List<IgnoreRule> rules = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                IgnoreFile.Loaded l = reader.load(c);
                rules.addAll(l.rules());
                errors.addAll(l.errors());
            }
        }
        return new IgnoreFile.Loaded(rules, errors);
    }

    private Path rel(Path p) {
        if (p == null || options.relativeTo() == null) {
            return p;
        }
        Path abs = p.toAbsolutePath().normalize();
        Path base = options.relativeTo().toAbsolutePath().normalize();
        return abs.startsWith(base) && !abs.equals(base) ? base.relativize(abs) : p;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        httpThreads.close();
    }
}
