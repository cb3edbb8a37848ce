package dev.bulwark.ui.containers;

import dev.bulwark.docker.model.ContainerState;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.scan.image.ContainerImageFindings;
import dev.bulwark.scan.image.ImageExporter;
import dev.bulwark.scan.image.ImageInventory;
import dev.bulwark.scan.image.ImageScanCache;
import dev.bulwark.scan.image.ImageScanner;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.scan.report.ScanSummary;
import dev.bulwark.ui.TaskRunner;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Containers view's image scanning (issue 13): "Scan image" on the selected container, run in the background
 * with per-layer progress and cancel, the Vulnerabilities tab's contents for the selected container, and each
 * image id's result for the table's worst-severity column. Results live in the core's {@link ImageScanCache}, keyed
 * by image id: two containers on one image share one scan. The running containers are handed on to the
 * {@link ContainerImageFindings} the Overview follows.
 */
public final class ImageScanViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ImageScanViewModel.class);
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);
    private static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator
            .comparing((Finding f) -> f.severity().rating()).reversed()
            .thenComparing(Finding::packageName).thenComparing(Finding::id);

    /** One line of the severity summary: a rating and how many active findings have it. */
    public record SeverityCount(Severity severity, int count) {
    }

    /** The progress while the layer count is unknown (what a JavaFX progress bar shows as indeterminate). */
    public static final double INDETERMINATE = -1;

    private final ImageScanCache cache;
    private final ContainerImageFindings running;
    private final ImageExporter images;
    private final Function<ImageInventory, ScanReport> match;
    private final TaskRunner tasks;
    private final Executor fx;
    private final ImageScanner scanner = new ImageScanner();
    private final ObservableMap<String, ImageScanCache.Result> results = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<ContainerView> container = new ReadOnlyObjectWrapper<>(this, "container");
    private final ReadOnlyObjectWrapper<ImageScanCache.Result> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ObservableList<SeverityCount> counts = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<LayerFindings> layers = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final AutoCloseable subscription;
    private CompletableFuture<?> job;
    private String jobImage;
    private int generation;

    public ImageScanViewModel(ImageScanCache cache, ContainerImageFindings running, ImageExporter images,
                              Function<ImageInventory, ScanReport> match, TaskRunner tasks, Executor fx) {
        this.cache = Objects.requireNonNull(cache);
        this.running = Objects.requireNonNull(running);
        this.images = Objects.requireNonNull(images);
        this.match = Objects.requireNonNull(match);
        this.tasks = Objects.requireNonNull(tasks);
        this.fx = Objects.requireNonNull(fx);
        // Scans finish on background threads (also ones started elsewhere): publish on the FX thread.
        subscription = cache.onResult(r -> fx.execute(() -> {
            results.put(r.imageId(), r);
            refreshShown();
        }));
        message.set(idleText(null));
    }

    /** Follows the container monitor's snapshots: the selected container and the running set (FX thread). */
    public void follow(ContainersViewModel containers) {
        containers.selectedProperty().addListener((o, a, b) -> select(b));
        containers.onSnapshot(views -> running.running(views.stream()
                .filter(v -> !v.stale() && v.details().state() == ContainerState.RUNNING)
                .map(v -> new ContainerImageFindings.Running(v.details().name(), v.details().imageId()))
                .toList()));
        select(containers.selectedProperty().get());
    }

    /** Shows {@code v}'s image result (the cached one when its image id was scanned). */
    public void select(ContainerView v) {
        ContainerView before = container.get();
        container.set(v);
        if (before == null || v == null || !before.key().equals(v.key())) {
            refreshShown();
        }
    }

    private void refreshShown() {
        ContainerView v = container.get();
        ImageScanCache.Result r = v == null ? null : results.get(v.details().imageId());
        if (r != shown.get()) {
            shown.set(r);
            List<Finding> sorted = r == null || r.report() == null ? List.of() : r.report().findings().stream()
                    .filter(ScanSummary::isActive).sorted(MOST_SEVERE_FIRST).toList();
            findings.setAll(sorted);
            List<SeverityCount> c = new ArrayList<>();
            if (r != null) {
                Map<Severity, Integer> active = r.active();
                for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW,
                        Severity.UNKNOWN)) {
                    c.add(new SeverityCount(s, active.getOrDefault(s, 0)));
                }
            }
            counts.setAll(c);
            layers.setAll(r == null || r.inventory() == null ? List.of() : LayerFindings.of(r.inventory(), sorted));
        }
        if (!scanning.get()) {
            message.set(idleText(r));
        }
    }

    private String idleText(ImageScanCache.Result r) {
        ContainerView v = container.get();
        if (v == null) {
            return "Select a container, then Scan image.";
        }
        if (r == null) {
            return "Image " + v.details().image() + " not scanned yet: Scan image reads its layers from the engine.";
        }
        String when = r.at() == null ? "" : " (scanned " + WHEN.format(r.at()) + ")";
        if (r.report() == null) {
            return "Image " + v.details().image() + ": " + r.problemText() + when;
        }
        String unsaved = r.unsaved() == null ? "" : " — " + r.unsaved();
        return "Image " + v.details().image() + ": " + ScanSummary.oneLine(r.report()) + when + unsaved;
    }

    /**
     * Scans the selected container's image (again, when it was scanned before); progress per layer in
     * {@link #progressProperty()} and {@link #messageProperty()}.
     */
    public void scanSelected() {
        ContainerView v = container.get();
        if (v == null || scanning.get()) {
            return;
        }
        String engine = v.engine();
        String imageId = v.details().imageId();
        String reference = imageId.isEmpty() ? v.details().image() : imageId;
        String label = v.details().image();
        int gen = ++generation;
        scanning.set(true);
        progress.set(INDETERMINATE);
        message.set("Exporting " + label + " from " + engine + "…");
        jobImage = label;
        ImageScanner.Progress layers = new ImageScanner.Progress() {
            @Override
            public void layerStarted(int done, int total, String layer) {
                fx.execute(() -> {
                    if (gen == generation) {
                        progress.set(total > 0 ? (double) done / total : INDETERMINATE);
                        message.set(ImageScanner.Progress.describe(done, total, label, layer));
                    }
                });
            }

            @Override
            public void layerRead(int done, int total, String layer) {
                fx.execute(() -> {
                    if (gen == generation && total > 0) {
                        progress.set((double) done / total);
                    }
                });
            }
        };
        job = tasks.run("image scan " + label, () -> {
            int total = layerCount(engine, reference);
            return cache.scan(imageId.isEmpty() ? reference : imageId, label + " (" + engine + ")", true,
                    () -> images.save(engine, reference), scanner, match, total, layers);
        }, r -> {
            if (gen == generation) {
                scanning.set(false);
                progress.set(1);
                results.put(r.imageId(), r); // also through the cache listener; here so the tab shows it at once
                refreshShown();
            }
        }, e -> {
            if (gen == generation) {
                scanning.set(false);
                progress.set(0);
                message.set(e instanceof InterruptedIOException ? "Scan of " + label + " cancelled; nothing recorded."
                        : "Scan of " + label + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        });
    }

    private int layerCount(String engine, String reference) {
        try {
            return images.layerCount(engine, reference);
        } catch (RuntimeException e) {
            LOG.debug("layer count of {} unknown", reference, e);
            return -1; // progress without a total; the export itself says what is wrong
        }
    }

    /** Stops the running scan: the export stream is closed and nothing is cached. */
    public void cancel() {
        if (!scanning.get()) {
            return;
        }
        generation++;
        if (job != null) {
            job.cancel(true);
        }
        scanning.set(false);
        progress.set(0);
        message.set("Scan of " + jobImage + " cancelled; nothing recorded.");
    }

    /** The image id's result, for the table column (FX thread); null when not scanned. */
    public ObservableMap<String, ImageScanCache.Result> results() {
        return results;
    }

    /** The container shown in the tab. */
    public ReadOnlyObjectProperty<ContainerView> containerProperty() {
        return container.getReadOnlyProperty();
    }

    /** The selected container's image result; null while not scanned. */
    public ReadOnlyObjectProperty<ImageScanCache.Result> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Active findings per rating, CRITICAL first (empty while not scanned). */
    public ObservableList<SeverityCount> counts() {
        return counts;
    }

    /** Active findings of the shown image, most severe first. */
    public ObservableList<Finding> findings() {
        return findings;
    }

    /** The shown image's layers in order with their findings. */
    public ObservableList<LayerFindings> layers() {
        return layers;
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    /** 0..1 by layers read; {@link ProgressIndicatorValue#INDETERMINATE} while the layer count is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What is happening or what the shown result says. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The worst active severity of a container's image, null when not scanned or unreadable. */
    public static String worstText(ImageScanCache.Result r) {
        if (r == null) {
            return "";
        }
        if (!r.read()) {
            return "unreadable";
        }
        return r.worst().map(Severity::name).orElse("none");
    }

    /** Stops listening to the cache. */
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("closing the image scan subscription failed", e);
        }
    }
}
