package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.recommend.ExportFormat;
import dev.bulwark.ratelimit.recommend.KeyBy;
import dev.bulwark.ratelimit.recommend.LimitExports;
import dev.bulwark.ratelimit.recommend.LimitRecommender;
import dev.bulwark.ratelimit.recommend.Recommendation;
import dev.bulwark.ratelimit.recommend.RecommendOptions;
import dev.bulwark.ratelimit.recommend.RecommendReport;
import dev.bulwark.ratelimit.recommend.ReportWriter;
import dev.bulwark.ratelimit.recommend.Verification;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.UpdateBatcher;
import dev.bulwark.util.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lab's "Recommend from log…" flow: the options, a cancellable run of the core {@link LimitRecommender}
 * through the {@link TaskRunner} (progress carried by an {@link UpdateBatcher}), the chart data of the selected
 * recommendation (distribution of per-key needs with the limit, the capacity/rate frontier with the chosen
 * point), the top keys and percentiles ({@link RecommendKeys}), the throttled keys, and the exports.
 * Properties are touched on the FX thread only; no Node here.
 */
public final class RecommendViewModel implements AutoCloseable {
    /** Points of the cumulative distribution drawn at most. */
    static final int CDF_POINTS = 240;

    /** A point of a chart. */
    public record Point(double x, double y) {
    }

    /** One row of the recommendations table. */
    public record Row(Recommendation recommendation, String strategy, String parameters, long keysThrottled,
                      long requestsThrottled, String oneLess) {
    }

    private final LimitRecommender recommender;
    private final TaskRunner tasks;
    private final UpdateBatcher.Factory batchers;

    private final StringProperty logFile = new SimpleStringProperty("");
    private final ObjectProperty<KeyBy> keyBy = new SimpleObjectProperty<>(KeyBy.IP);
    private final StringProperty target = new SimpleStringProperty("99");
    private final StringProperty windows = new SimpleStringProperty("1s, 1m");
    private final StringProperty excludePaths = new SimpleStringProperty("");
    private final StringProperty excludeAgent = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("Choose an access log (common or combined format,"
            + " plain or gzip) and press Recommend.");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObjectProperty<RecommendReport> report = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Recommendation> selected = new SimpleObjectProperty<>();
    private final ObservableList<Point> distribution = FXCollections.observableArrayList();
    private final StringProperty distributionTitle = new SimpleStringProperty("");
    private final DoubleProperty chosenLimit = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty targetPercent = new SimpleDoubleProperty(99);
    private final ObservableList<Point> frontier = FXCollections.observableArrayList();
    private final ObjectProperty<Point> frontierChoice = new SimpleObjectProperty<>();
    private final StringProperty frontierLabel = new SimpleStringProperty("");
    private final StringProperty why = new SimpleStringProperty("");
    private final ObservableList<Verification.ThrottledKey> throttled = FXCollections.observableArrayList();
    private final ObjectProperty<ExportFormat> exportFormat = new SimpleObjectProperty<>(ExportFormat.ENVOY);
    private final RecommendKeys keys = new RecommendKeys();

    private CompletableFuture<RecommendReport> current;
    private UpdateBatcher<Double> progressBatcher;
    private boolean closed;
    private long runId;

    /**
     * @param recommender the core (shared with the CLI)
     * @param tasks       background work, results on the FX thread
     * @param batchers    carries progress to the FX thread
     */
    public RecommendViewModel(LimitRecommender recommender, TaskRunner tasks, UpdateBatcher.Factory batchers) {
        this.recommender = recommender;
        this.tasks = tasks;
        this.batchers = batchers;
        selected.addListener((o, a, b) -> refreshSelection());
    }

    /** Checks the options and starts; false (with the problems listed) when they are not valid. */
    public boolean start() {
        if (running.get() || closed) {
            return false;
        }
        List<String> errs = new ArrayList<>();
        RecommendOptions o = RecommendForm.options(keyBy.get(), target.get(), windows.get(), excludePaths.get(),
                excludeAgent.get(), errs);
        Path log = null;
        if (logFile.get() == null || logFile.get().isBlank()) {
            errs.add("Log file: choose an access log");
        } else {
            log = Path.of(logFile.get().trim());
            if (!Files.isReadable(log)) {
                errs.add("Log file: cannot read " + log);
            }
        }
        if (!errs.isEmpty() || o == null) {
            problems.setAll(errs);
            status.set("Fix the options to recommend (" + errs.size() + " problem" + (errs.size() == 1 ? "" : "s") + ").");
            return false;
        }
        problems.clear();
        running.set(true);
        progress.set(0);
        Path file = log;
        status.set("Profiling " + file.getFileName() + "…");
        progressBatcher = batchers.start(batch -> {
            if (running.get()) {
                double f = batch.getLast();
                progress.set(f);
                status.set((f < 0.5 ? "Profiling " : "Replaying through the limiters: ") + file.getFileName() + " ("
                        + Math.round(f * 100) + " %)");
            }
        });
        UpdateBatcher<Double> batcher = progressBatcher;
        long id = ++runId;
        // a stopped run's late result or failure is ignored: the id moved on
        current = tasks.run("recommend " + file.getFileName(),
                () -> recommender.run(file, o, (phase, fraction) -> batcher.offer(
                        phase == LimitRecommender.Phase.PROFILE ? fraction / 2 : 0.5 + fraction / 2)),
                r -> {
                    if (id == runId) {
                        finished(r);
                    }
                }, t -> {
                    if (id == runId) {
                        failed(t);
                    }
                });
        return true;
    }

    /** Stops a run under way. */
    public void stop() {
        if (current != null && running.get()) {
            runId++;
            current.cancel(true);
            endRun();
            status.set("Stopped.");
        }
    }

    private void finished(RecommendReport r) {
        endRun();
        progress.set(1);
        report.set(r);
        targetPercent.set(r.options().targetPercent().doubleValue());
        rows.setAll(r.recommendations().stream().map(ChartData::row).toList());
        problems.setAll(r.scan().problems());
        selected.set(null);
        selected.set(r.recommendations().getFirst());
        status.set(String.format(Locale.ROOT, "%,d requests from %,d keys: %d recommendations, %s. Profile %.1f s, replay"
                        + " %.1f s.", r.scan().used(), r.profile().keyCount(), r.recommendations().size(),
                r.allTight() ? "each replayed within the target and tight" : "SOME REPLAYS DISAGREE",
                r.profileNanos() / 1e9, r.replayNanos() / 1e9));
    }

    private void failed(Throwable t) {
        endRun();
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof CancellationException || c instanceof InterruptedException) {
            status.set("Stopped.");
            return;
        }
        if (c instanceof LimitRecommender.NoRequestsException n) {
            problems.setAll(n.scan().problems());
            status.set(n.getMessage());
            return;
        }
        if (c instanceof NoSuchFileException) {
            status.set(logFile.get() + ": no such file");
            return;
        }
        status.set("Cannot recommend: " + c.getMessage());
    }

    private void endRun() {
        running.set(false);
        if (progressBatcher != null) {
            progressBatcher.close();
            progressBatcher = null;
        }
    }

    private void refreshSelection() {
        Recommendation r = selected.get();
        RecommendReport rep = report.get();
        keys.show(rep, r);
        if (r == null || rep == null) {
            distribution.clear();
            frontier.clear();
            frontierChoice.set(null);
            throttled.clear();
            chosenLimit.set(Double.NaN);
            why.set("");
            distributionTitle.set("");
            return;
        }
        long[] needs = r.bucket() ? rep.profile().capacityNeeds(r.rate())
                : rep.profile().windowNeeds(r.strategy(), r.windowSeconds());
        distribution.setAll(ChartData.cdf(needs, CDF_POINTS));
        String w = ReportWriter.window(r.windowSeconds());
        distributionTitle.set(switch (r.strategy()) {
            case SLIDING_LOG -> "Most requests per key in any " + w;
            case FIXED_WINDOW -> "Most requests per key in a clock-aligned " + w;
            case SLIDING_WINDOW -> "Largest sliding-window estimate per key, " + w;
            default -> "Capacity each key needs at " + r.rate();
        });
        chosenLimit.set(r.limit());
        throttled.setAll(r.verification().throttled());
        if (r.bucket()) {
            frontier.setAll(r.frontier().stream().map(p -> new Point(p.rate().perSecond(), p.capacity())).toList());
            frontierLabel.set("recommended: capacity " + r.limit() + " at " + r.rate());
            frontierChoice.set(new Point(r.rate().perSecond(), r.limit()));
        } else {
            frontier.clear();
            frontierChoice.set(null);
        }
        String verdict = String.format(Locale.ROOT, "Replayed: %d of %d keys throttled (%,d requests); one unit less: %s.",
                r.verification().keysThrottled(), r.verification().keysTotal(), r.verification().requestsThrottled(),
                r.oneLess() == null ? "not possible (limit 1)" : r.oneLess().keysThrottled() + " keys, over the "
                        + rep.keysAllowed() + " the target allows");
        why.set(verdict + (r.note() == null ? "" : " " + Character.toUpperCase(r.note().charAt(0)) + r.note().substring(1) + "."));
    }

    /** A file name for the export of the selected recommendation. */
    public String suggestedExportName() {
        Recommendation r = selected.get();
        ExportFormat f = exportFormat.get();
        String base = r == null ? "limit" : r.strategy().id() + (r.bucket() ? "" : "-" + ReportWriter.window(r.windowSeconds()));
        return base + "-" + f.id() + "." + f.extension();
    }

    /** Writes the selected recommendation in the chosen format to {@code file} (atomically, in the background). */
    public void export(Path file) {
        Recommendation r = selected.get();
        RecommendReport rep = report.get();
        ExportFormat f = exportFormat.get();
        if (r == null || rep == null) {
            status.set("Nothing to export yet: run a recommendation first.");
            return;
        }
        String text = LimitExports.render(f, rep, r);
        tasks.run("export " + file.getFileName(), () -> {
            AtomicFiles.writeString(file, text);
            return file;
        }, p -> status.set(f.id() + " export of " + LimitExports.describe(r) + " written to " + p),
                t -> status.set("Cannot write " + file + ": " + t.getMessage()));
    }

    /** The text of the selected export (shown as a preview). */
    public String exportPreview() {
        Recommendation r = selected.get();
        RecommendReport rep = report.get();
        return r == null || rep == null ? "" : LimitExports.render(exportFormat.get(), rep, r);
    }

    @Override
    public void close() {
        closed = true;
        stop();
    }

    public StringProperty logFileProperty() {
        return logFile;
    }

    public ObjectProperty<KeyBy> keyByProperty() {
        return keyBy;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty windowsProperty() {
        return windows;
    }

    public StringProperty excludePathsProperty() {
        return excludePaths;
    }

    public StringProperty excludeAgentProperty() {
        return excludeAgent;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public ObjectProperty<RecommendReport> reportProperty() {
        return report;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Recommendation> selectedProperty() {
        return selected;
    }

    public ObservableList<Point> distribution() {
        return distribution;
    }

    public StringProperty distributionTitleProperty() {
        return distributionTitle;
    }

    public DoubleProperty chosenLimitProperty() {
        return chosenLimit;
    }

    public DoubleProperty targetPercentProperty() {
        return targetPercent;
    }

    public ObservableList<Point> frontier() {
        return frontier;
    }

    public ObjectProperty<Point> frontierChoiceProperty() {
        return frontierChoice;
    }

    /** The legend of the recommended frontier point, e.g. {@code recommended: capacity 25 at 10/s}. */
    public StringProperty frontierLabelProperty() {
        return frontierLabel;
    }

    public StringProperty whyProperty() {
        return why;
    }

    public ObservableList<Verification.ThrottledKey> throttled() {
        return throttled;
    }

    /** The top keys and the percentiles of the chosen window. */
    public RecommendKeys keys() {
        return keys;
    }

    public ObjectProperty<ExportFormat> exportFormatProperty() {
        return exportFormat;
    }
}
