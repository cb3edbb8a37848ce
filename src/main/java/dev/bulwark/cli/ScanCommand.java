package dev.bulwark.cli;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.ScanOptions;
import dev.bulwark.scan.ScanSession;
import dev.bulwark.scan.backend.BackendStatus;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ReportFormat;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.scan.vex.OpenVexExporter;
import dev.bulwark.util.AppPaths;
import dev.bulwark.util.AtomicFiles;
import dev.bulwark.util.StartupTrace;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark scan PATH...}: finds vulnerable dependencies and writes reports. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan dependency manifests under PATH (files or folders, recursive) for known vulnerabilities,",
                "or a container image: --image REF (from the engine, no docker CLI needed), --image-archive FILE "
                        + "(docker save / OCI layout tar or folder) or --rootfs DIR (an unpacked root file system).",
                "Offline by default, against the local OSV database (see 'bulwark db').",
                "Partial failure: a manifest that cannot be read (unknown format, broken, binary, too large) is "
                        + "named on stderr and in the report's errors; the other manifests are scanned and reported, "
                        + "and the exit code follows their findings.",
                "When no package could be read at all (no manifest found, or none could be parsed; for an image: "
                        + "no layer could be read) nothing was checked: no report is written and the exit code is 2, "
                        + "never 0. A corrupt or hostile layer is named and the other layers are still scanned.",
                "VEX: --vex files (OpenVEX or CycloneDX VEX) whose not_affected/fixed statements name a finding's "
                        + "package and vulnerability (any alias) suppress it: it stays in the reports, marked with the "
                        + "statement, and does not count for --fail-on. A --vex file that does not exist is a usage "
                        + "error (exit 2); one that is invalid is named on stderr, its statements are not applied "
                        + "(the findings stay active) and the scan goes on.",
                "Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 usage or fatal error, or no "
                        + "package could be read, or --export-vex had nothing to export."})
public final class ScanCommand implements Callable<Integer> {
    private static final int MAX_ERRORS_ON_STDERR = 20;

    @Spec
    CommandSpec spec;
    @Mixin
    DbOptions db;
    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Manifest files or folders to scan.")
    List<Path> paths;
    @Option(names = "--image", paramLabel = "REF",
            description = "Scan an image by name or id, exported from the engine (see --engine; the first engine "
                    + "that has it is used).")
    String image;
    @Option(names = "--image-archive", paramLabel = "FILE",
            description = "Scan a 'docker save' or OCI image layout tar (optionally gzip-compressed), or an OCI image "
                    + "layout folder (skopeo copy ... oci:DIR).")
    Path imageArchive;
    @Option(names = "--rootfs", paramLabel = "DIR", description = "Scan an unpacked root file system folder.")
    Path rootfs;
    @Mixin
    EngineOptions engineOptions;
    @Option(names = "--online", description = "Also query the OSV.dev API and run pip-audit / osv-scanner when on PATH.")
    boolean online;
    @Option(names = "--backend", split = ",", paramLabel = "NAME",
            description = "Backends to run: osv-offline, osv.dev, pip-audit, osv-scanner (default: osv-offline).")
    List<String> backends;
    @Option(names = "--format", split = ",", paramLabel = "F",
            description = "Report formats: json, sarif, html, cyclonedx, csv, markdown, table. Without it a table is printed.")
    List<String> formats;
    @Option(names = "--output", paramLabel = "DIR|FILE",
            description = "Where reports go: a folder (one file per format) or, for a single format, a file. "
                    + "Without it a single format goes to stdout.")
    Path output;
    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "high",
            description = "critical|high|medium|low|any|none (default: ${DEFAULT-VALUE}).")
    String failOn;
    @Option(names = "--ignore-file", paramLabel = "FILE",
            description = "Ignore file (default: .bulwark-ignore.yaml at each scan root).")
    Path ignoreFile;
    @Option(names = "--vex", paramLabel = "FILE",
            description = "OpenVEX or CycloneDX VEX (JSON/XML) document; repeatable. not_affected and fixed "
                    + "statements suppress matching findings.")
    List<Path> vexFiles;
    @Option(names = "--export-vex", paramLabel = "FILE",
            description = "Write the ignore decisions (ignore-file entries and VEX-suppressed findings) as an "
                    + "OpenVEX document.")
    Path exportVex;
    @Option(names = "--vex-author", paramLabel = "NAME", defaultValue = "Bulwark",
            description = "Author of the --export-vex document (default: ${DEFAULT-VALUE}).")
    String vexAuthor;
    @Option(names = "--include-informational",
            description = "Count informational advisories (RustSec unmaintained/unsound/notice) towards --fail-on.")
    boolean includeInformational;
    @Option(names = "--osv-api-url", paramLabel = "URL", defaultValue = "https://api.osv.dev/",
            description = "OSV API base URL for --online (default: ${DEFAULT-VALUE}).")
    URI osvApi;
    @Option(names = "--timeout-seconds", defaultValue = "120", description = "Network and tool timeout (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        StartupTrace.mark("scan: options parsed");
        FailOn threshold = parseFailOn();
        List<ReportFormat> reportFormats = parseFormats();
        Set<String> chosen = chooseBackends();
        if (reportFormats.size() > 1 && output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Several formats need --output DIR");
        }
        if (ignoreFile != null && !Files.isRegularFile(ignoreFile)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No such ignore file: " + ignoreFile);
        }
        for (Path v : vexFiles == null ? List.<Path>of() : vexFiles) {
            if (!Files.isRegularFile(v)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "No such VEX file: " + v);
            }
        }
        ImageTarget target = ImageTarget.of(spec, paths, image, imageArchive, rootfs);
        if (target == null) {
            for (Path p : paths) {
                if (!Files.exists(p)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "No such file or folder: " + p);
                }
            }
        }
        AdvisoryDatabase database = db.open(Clock.systemUTC());
        if (chosen.equals(Set.of(ScanOptions.OFFLINE))
                && database.status().stream().noneMatch(dev.bulwark.scan.osv.EcosystemStatus::present)) {
            // A scan against no data would look clean; for CI that is a fatal misconfiguration, not a pass.
            spec.commandLine().getErr().println("bulwark: the advisory database " + database.dir()
                    + " is empty: run 'bulwark db import' or 'bulwark db update' first (or use --online)");
            return Cli.EXIT_USAGE;
        }
        StartupTrace.mark("scan: database opened, status read");
        Path cache = AppPaths.forCurrentUser().cache();
        ScanOptions options = new ScanOptions(chosen, osvApi, cache, System.getenv().getOrDefault("PATH", ""),
                Duration.ofSeconds(timeoutSeconds), ignoreFile, threshold, includeInformational,
                Path.of("").toAbsolutePath(), vexFiles);
        PrintWriter err = spec.commandLine().getErr();
        ScanReport report;
        try (ScanSession session = new ScanSession(database, options, new ManifestScanner())) {
            if (target == null) {
                report = session.scan(paths, f -> { });
            } else {
                java.util.Optional<dev.bulwark.scan.image.ImageInventory> inventory = target.inventory(engineOptions, err);
                if (inventory.isEmpty()) {
                    return Cli.EXIT_USAGE;
                }
                report = session.scanImage(inventory.get());
            }
        }
        StartupTrace.mark("scan: scanned");
        report.warnings().forEach(w -> err.println("bulwark: warning: " + w));
        if (!report.errors().isEmpty()) {
            err.println("bulwark: " + report.errors().size() + " problem(s) during the scan:");
            report.errors().stream().limit(MAX_ERRORS_ON_STDERR).forEach(e -> err.println("  " + e));
            if (report.errors().size() > MAX_ERRORS_ON_STDERR) {
                err.println("  ... and " + (report.errors().size() - MAX_ERRORS_ON_STDERR) + " more in the report");
            }
        }
        if (report.nothingRead()) {
            // Nothing was checked: an empty result must not pass a CI gate.
            err.println("bulwark: " + (target == null ? report.coverage().nothingReadReason(report.roots())
                    : "no layer of " + report.roots().getFirst() + " could be read; nothing was checked"));
            return Cli.EXIT_USAGE;
        }
        if (target == null && report.coverage().unread() > 0) {
            err.println("bulwark: warning: " + report.coverage().unread() + " of " + report.coverage().manifests()
                    + " manifest(s) could not be read; their packages were not checked");
        }
        writeReports(report, reportFormats);
        StartupTrace.mark("scan: report written");
        if (exportVex != null && !exportVex(report, err)) {
            return Cli.EXIT_USAGE;
        }
        if (report.backends().stream().noneMatch(b -> BackendStatus.OK.equals(b.state()))) {
            // No backend answered: an empty result would be a false "clean".
            err.println("bulwark: no vulnerability backend succeeded; the scan result cannot be trusted");
            return Cli.EXIT_USAGE;
        }
        List<Finding> tripping = threshold.tripping(report.findings(), includeInformational);
        if (!tripping.isEmpty()) {
            err.println("bulwark: " + tripping.size() + " finding(s) at or above --fail-on " + failOn);
            return 1;
        }
        return 0;
    }

    private void writeReports(ScanReport report, List<ReportFormat> reportFormats) throws Exception {
        if (reportFormats.isEmpty()) {
            print(report, ReportFormat.TABLE);
            return;
        }
        if (output == null) {
            print(report, reportFormats.getFirst());
            return;
        }
        boolean toFile = reportFormats.size() == 1 && !Files.isDirectory(output)
                && output.getFileName().toString().contains(".");
        if (toFile) {
            AtomicFiles.write(output, out -> reportFormats.getFirst().newWriter(Path.of("")).write(report, out));
            spec.commandLine().getErr().println("bulwark: wrote " + output);
            return;
        }
        Files.createDirectories(output);
        for (ReportFormat f : reportFormats) {
            Path target = output.resolve(f.fileName());
            AtomicFiles.write(target, out -> f.newWriter(Path.of("")).write(report, out));
            spec.commandLine().getErr().println("bulwark: wrote " + target);
        }
    }

    /** Writes the OpenVEX export; false (after saying why) when there is nothing to export. */
    private boolean exportVex(ScanReport report, PrintWriter err) throws Exception {
        OpenVexExporter exporter = new OpenVexExporter(Clock.systemUTC());
        if (report.findings().stream().noneMatch(Finding::isIgnored)) {
            err.println("bulwark: --export-vex: nothing to export: no finding is ignored or VEX-suppressed; "
                    + exportVex + " not written");
            return false;
        }
        OpenVexExporter.Export e = exporter.write(report, vexAuthor, exportVex);
        err.println("bulwark: wrote " + exportVex + " (OpenVEX, " + e.statements() + " statement(s) for "
                + e.findings() + " finding(s)" + (e.skipped() > 0 ? ", " + e.skipped() + " without package URL left out"
                : "") + ")");
        return true;
    }

    private void print(ScanReport report, ReportFormat format) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        format.newWriter(Path.of("")).write(report, buf);
        PrintWriter out = spec.commandLine().getOut();
        out.print(buf.toString(StandardCharsets.UTF_8));
        out.flush();
    }

    private FailOn parseFailOn() {
        try {
            return FailOn.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<ReportFormat> parseFormats() {
        List<ReportFormat> list = new ArrayList<>();
        if (formats != null) {
            for (String f : formats) {
                try {
                    ReportFormat parsed = ReportFormat.parse(f);
                    if (!list.contains(parsed)) {
                        list.add(parsed);
                    }
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
        }
        return list;
    }

    private Set<String> chooseBackends() {
        Set<String> chosen = new LinkedHashSet<>();
        if (backends == null || backends.isEmpty()) {
            chosen.add(ScanOptions.OFFLINE);
        } else {
            for (String b : backends) {
                String name = b.trim();
                if (!ScanOptions.ALL_BACKENDS.contains(name)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "Unknown backend: " + name + " ("
                            + String.join(", ", ScanOptions.ALL_BACKENDS) + ")");
                }
                chosen.add(name);
            }
        }
        if (online) {
            chosen.addAll(List.of(ScanOptions.ONLINE, ScanOptions.PIP_AUDIT, ScanOptions.OSV_SCANNER));
        }
        return chosen;
    }
}
