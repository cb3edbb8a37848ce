package dev.bulwark.ui.scan;

import dev.bulwark.scan.ScanOptions;
import dev.bulwark.scan.image.ImageExporter;
import dev.bulwark.scan.image.ImageScanner;
import dev.bulwark.scan.image.ImageSource;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.policy.IgnoreRule;
import dev.bulwark.scan.report.ReportFormat;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.scan.report.ScanSummary;
import dev.bulwark.util.Errors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Vulnerabilities view's state and actions: what to scan, which backends, the running scan with progress
 * and cancel, the results with filters and grouping, the selected finding, ignore, export and history.
 */
public final class VulnerabilitiesViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ScanServices services;
    private final ScanJobs jobs;
    private final DatabaseViewModel database;
    private final Consumer<String> notices;
    private final ObservableList<Path> targets = FXCollections.observableArrayList();
    private final Map<String, BooleanProperty> backends = new LinkedHashMap<>();
    private final BooleanProperty scanning = new SimpleBooleanProperty(this, "scanning");
    private final IntegerProperty filesSeen = new SimpleIntegerProperty(this, "filesSeen");
    private final StringProperty scanMessage = new SimpleStringProperty(this, "scanMessage",
            "Choose or drop a project folder or a manifest file, then Scan.");
    private final ObservableList<ScanHistory.Entry> history = FXCollections.observableArrayList();
    private final ShownReport shown;
    private final ReportActions actions;
    private final List<Consumer<ScanReport>> completedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final VexViewModel vex;
    private final ObjectProperty<ImageSource> image = new SimpleObjectProperty<>(this, "image");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private ImageExporter engines = ImageExporter.NONE;
    private CompletableFuture<?> running;
    private int generation;

    public VulnerabilitiesViewModel(ScanServices services, DatabaseViewModel database, Consumer<String> notices) {
        this(services, database, notices, VexViewModel.inMemory());
    }

    public VulnerabilitiesViewModel(ScanServices services, DatabaseViewModel database, Consumer<String> notices,
                                    VexViewModel vex) {
        this.services = services;
        this.jobs = new ScanJobs(services);
        this.vex = Objects.requireNonNull(vex);
        this.database = database;
        this.notices = notices;
        for (String name : ScanOptions.ALL_BACKENDS) {
            backends.put(name, new SimpleBooleanProperty(this, name, ScanOptions.OFFLINE.equals(name)));
        }
        this.shown = new ShownReport(this, vex);
        this.actions = new ReportActions(this, services, shown, history, vex);
        // Scans stored by others too (the Containers view's image scans) join the list; lives as long as the app.
        services.history().onAdded(e -> services.fx().execute(() -> remembered(e)));
    }

    /** Puts a newly stored scan at the top of the history list, once (the listener and the scan both report it). */
    private void remembered(ScanHistory.Entry entry) {
        if (history.stream().anyMatch(e -> e.id().equals(entry.id()))) {
            return;
        }
        history.addFirst(entry);
        while (history.size() > ScanHistory.LIMIT) {
            history.removeLast();
        }
    }

    /** VEX files, export author and the "show suppressed" filter. */
    public VexViewModel vex() {
        return vex;
    }

    public DatabaseViewModel database() {
        return database;
    }

    public ObservableList<Path> targets() {
        return targets;
    }

    /** Backend name to its toggle, in run order; only {@code osv-offline} is on by default. */
    public Map<String, BooleanProperty> backends() {
        return backends;
    }

    public BooleanProperty scanningProperty() {
        return scanning;
    }

    public IntegerProperty filesSeenProperty() {
        return filesSeen;
    }

    public StringProperty scanMessageProperty() {
        return scanMessage;
    }

    public ObjectProperty<ScanReport> reportProperty() {
        return shown.report();
    }

    /** Every finding of the shown report. */
    public ObservableList<Finding> findings() {
        return shown.findings();
    }

    /** The findings passing the filters. */
    public ObservableList<Finding> visibleFindings() {
        return shown.visible();
    }

    /** The visible findings grouped by package version. */
    public ObservableList<PackageGroup> groups() {
        return shown.groups();
    }

    public BooleanProperty groupedProperty() {
        return shown.grouped();
    }

    public ObjectProperty<Severity> minimumSeverityProperty() {
        return shown.minimumSeverity();
    }

    public ObjectProperty<String> ecosystemFilterProperty() {
        return shown.ecosystemFilter();
    }

    public StringProperty textFilterProperty() {
        return shown.textFilter();
    }

    /** Ecosystems present in the shown report, for the ecosystem filter. */
    public ObservableList<String> resultEcosystems() {
        return shown.resultEcosystems();
    }

    public ObjectProperty<Finding> selectedProperty() {
        return shown.selected();
    }

    /** Outcome of the last ignore, export or link action. */
    public StringProperty actionMessageProperty() {
        return actions.message();
    }

    /** The last scans, newest first. */
    public ObservableList<ScanHistory.Entry> history() {
        return history;
    }

    /** Where images chosen by reference are exported from (the container engines); before the first scan. */
    public void useImageEngines(ImageExporter exporter) {
        this.engines = Objects.requireNonNull(exporter);
    }

    /** The image, image archive or root file system to scan instead of folders; null when folders are chosen. */
    public ObjectProperty<ImageSource> imageProperty() {
        return image;
    }

    /** 0..1 by image layers read; -1 (indeterminate) for manifest scans and while the layer count is unknown. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** The engines' names, for the image reference prompt. */
    public List<String> imageEngines() {
        return engines.engines();
    }

    /** Scans an image next time instead of folders (replaces the chosen folders and files). */
    public void setImage(ImageSource source) {
        targets.clear();
        image.set(source);
        scanMessage.set("Ready to scan " + source.describe() + ".");
    }

    /**
     * What was dropped on the view: one {@code .tar}, {@code .tar.gz} or {@code .tgz} file is an image archive (no
     * manifest format is a tar), anything else folders and manifests.
     */
    public void drop(List<Path> paths) {
        if (paths.size() == 1 && Files.isRegularFile(paths.getFirst())
                && paths.getFirst().getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .matches(".*\\.(tar|tar\\.gz|tgz)")) {
            setImage(new ImageSource(ImageSource.Kind.ARCHIVE, paths.getFirst().toAbsolutePath().normalize().toString()));
        } else {
            setTargets(paths);
        }
    }

    /** Replaces what will be scanned with {@code paths} (folders or files). */
    public void setTargets(List<Path> paths) {
        image.set(null);
        targets.setAll(paths.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        if (!paths.isEmpty()) {
            scanMessage.set("Ready to scan " + describeTargets() + ".");
        }
    }

    private String describeTargets() {
        return targets.size() == 1 ? targets.getFirst().toString() : targets.size() + " paths";
    }

    /** Starts a scan of the targets with the chosen backends. */
    public void scan() {
        if (scanning.get()) {
            return;
        }
        if (targets.isEmpty() && image.get() == null) {
            scanMessage.set("Nothing to scan: choose or drop a folder or a manifest file first.");
            return;
        }
        Set<String> chosen = backends.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (chosen.isEmpty()) {
            scanMessage.set("No backend chosen: turn on at least one.");
            return;
        }
        List<Path> roots = List.copyOf(targets);
        List<Path> vexFiles = List.copyOf(vex.files());
        ImageSource imageSource = image.get();
        int gen = ++generation;
        scanning.set(true);
        filesSeen.set(0);
        progress.set(-1);
        scanMessage.set(imageSource != null ? "Reading " + imageSource.describe() + "…"
                : "Looking for manifests in " + describeTargets() + "…");
        running = services.tasks().run("vulnerability scan", () -> imageSource != null
                        ? runImageScan(gen, imageSource, chosen, vexFiles) : runScan(gen, roots, chosen, vexFiles),
                done -> {
                    if (gen == generation) {
                        shown.show(done.report(), done.entry());
                        remembered(done.entry());
                        scanMessage.set(ScanSummary.oneLine(done.report()));
                        scanning.set(false);
                        completedListeners.forEach(l -> l.accept(done.report()));
                    }
                },
                e -> {
                    if (gen == generation) {
                        scanMessage.set("Scan failed: " + Errors.describe(e));
                        scanning.set(false);
                        progress.set(-1);
                    }
                });
    }

    private ScanJobs.Completed runScan(int gen, List<Path> roots, Set<String> chosen, List<Path> vexFiles)
            throws Exception {
        return jobs.folders(roots, chosen, vexFiles, file -> services.fx().execute(() -> {
            if (gen == generation) {
                filesSeen.set(filesSeen.get() + 1);
                scanMessage.set("Parsing manifest " + filesSeen.get() + ": " + file);
            }
        }));
    }

    private ScanJobs.Completed runImageScan(int gen, ImageSource source, Set<String> chosen, List<Path> vexFiles)
            throws Exception {
        return jobs.image(source, engines, chosen, vexFiles, new ImageScanner.Progress() {
            @Override
            public void layerStarted(int done, int total, String layer) {
                services.fx().execute(() -> {
                    if (gen == generation) {
                        progress.set(total > 0 ? (double) done / total : -1);
                        scanMessage.set(ImageScanner.Progress.describe(done, total, source.describe(), layer));
                    }
                });
            }
        });
    }

    /**
     * Called on the FX thread with the report of every scan run here that completes (not for remembered scans opened
     * again, nor cancelled ones): the gateway forwarder sends its findings on.
     */
    public void onScanCompleted(Consumer<ScanReport> listener) {
        completedListeners.add(Objects.requireNonNull(listener));
    }

    /** Stops the running scan; a result arriving later is discarded. */
    public void cancelScan() {
        if (!scanning.get()) {
            return;
        }
        generation++;
        if (running != null) {
            running.cancel(true);
        }
        scanning.set(false);
        scanMessage.set("Scan cancelled; no result recorded.");
    }

    /**
     * A history row in {@code zone}: {@code 2026-12-07 10:55  3 findings} over {@code shop · 412 packages}. A folder
     * shows its last name; an image scan's root ({@code registry/team/api:2.4 (local)}) is shown whole: it is no path.
     */
    public static String historyLabel(ScanHistory.Entry e, java.time.ZoneId zone) {
        String roots = e.roots().stream().map(VulnerabilitiesViewModel::shortRoot).collect(Collectors.joining(", "));
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(e.at()) + "  " + e.findings()
                + " findings\n" + roots + " · " + e.packages() + " packages";
    }

    private static String shortRoot(String root) {
        try {
            Path p = Path.of(root);
            return p.isAbsolute() && p.getFileName() != null ? p.getFileName().toString() : root;
        } catch (java.nio.file.InvalidPathException e) {
            return root; // an image reference where ':' is no path character (Windows)
        }
    }

    /** Loads the remembered scans. */
    public void loadHistory() {
        services.tasks().run("scan history", () -> services.history().list(), history::setAll,
                e -> notices.accept("Scan history could not be read: " + e.getMessage()));
    }

    /** Shows a remembered scan. */
    public void openHistory(ScanHistory.Entry entry) {
        services.tasks().run("open scan", () -> services.history().load(entry), r -> {
            shown.show(r, entry);
            image.set(null);
            // An image scan's root names an image ("nginx:1.25 (local)"), not a folder to scan again.
            targets.setAll(r.ofImage() ? List.of() : r.roots().stream().map(Path::of).toList());
            String when = WHEN.format(entry.at());
            scanMessage.set("Scan of " + String.join(", ", r.roots()) + " from " + when + ": " + ScanSummary.oneLine(r));
        }, e -> actions.message().set("Cannot open that scan: " + e.getMessage()));
    }

    /**
     * Ignores the selected finding: appends its id and {@code reason} to the ignore file the scanner reads (a folder
     * scan's: {@code .bulwark-ignore.yaml} at the first scan root; an image scan's: the per-user
     * {@link ScanServices#imageIgnoreFile() image ignore file}), then marks every finding with that id ignored in the
     * shown report and its history entry.
     */
    public void ignoreSelected(String reason) {
        actions.ignoreSelected(reason);
    }

    /** What the Ignore button does with {@code f} in the shown report (its tooltip): which file it writes. */
    public String ignoreTooltip(Finding f) {
        ScanReport r = shown.report().get();
        Path file = r == null ? null : actions.ignoreFile(r);
        if (file == null) {
            return "Adds " + f.id() + " with your reason to .bulwark-ignore.yaml at the scan root";
        }
        return "Adds " + f.id() + " with your reason to " + file
                + (r.ofImage() ? " (the image ignore file: every image scan reads it)" : "");
    }

    /**
     * Called on the FX thread with each rule written to the image ignore file from here: the Containers view's cached
     * image results apply it without a new scan.
     */
    public void onImageIgnored(Consumer<IgnoreRule> listener) {
        actions.onImageIgnored(listener);
    }

    /** Writes the shown report in {@code format} into {@code folder} (its standard file name). */
    public void export(ReportFormat format, Path folder) {
        actions.export(format, folder);
    }

    /**
     * Writes the shown report's ignore decisions (ignore-file entries and VEX-suppressed findings) to {@code target}
     * as an OpenVEX document by the configured author.
     */
    public void exportVex(Path target) {
        actions.exportVex(target);
    }

    /** Opens a reference in the system browser, off the FX thread. */
    public void openReference(String url) {
        actions.openReference(url);
    }
}
