package dev.bulwark.ui.scan;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.DumpUpdater;
import dev.bulwark.scan.osv.EcosystemStatus;
import dev.bulwark.scan.osv.ImportResult;
import dev.bulwark.scan.osv.ImportSummary;
import dev.bulwark.scan.osv.OsvDumpDownloader;
import dev.bulwark.util.Errors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database card: per-ecosystem state, import, update with progress, cancel; and the status bar text.
 * Import and update run through the task runner; a cancelled task's late result is discarded.
 */
public final class DatabaseViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseViewModel.class);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);
    /** Records named per problem in the one-line import summary. */
    private static final int MAX_NAMED = 5;

    private final ScanServices services;
    private final Consumer<String> statusBar;
    private final ObservableList<EcosystemStatus> ecosystems = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "Reading the database…");
    private final StringProperty staleWarning = new SimpleStringProperty(this, "staleWarning");
    private final BooleanProperty empty = new SimpleBooleanProperty(this, "empty", true);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty downloadSize = new SimpleStringProperty(this, "downloadSize",
            "size unknown until checked");
    private final BooleanProperty checkingSize = new SimpleBooleanProperty(this, "checkingSize");
    private CompletableFuture<?> running;
    private int generation;

    /** {@code statusBar} receives the status bar's advisory text on the FX thread. */
    public DatabaseViewModel(ScanServices services, Consumer<String> statusBar) {
        this.services = services;
        this.statusBar = statusBar;
    }

    /** Present ecosystems only. */
    public ObservableList<EcosystemStatus> ecosystems() {
        return ecosystems;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    /** Non-null when some data is older than the configured number of days. */
    public StringProperty staleWarningProperty() {
        return staleWarning;
    }

    public BooleanProperty emptyProperty() {
        return empty;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** 0..1, or -1 while the amount of work is unknown. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public Path directory() {
        return services.databaseDir();
    }

    /** Re-reads the database state in the background. */
    public void refresh() {
        services.tasks().run("advisory database status", () -> services.database().status(), this::apply,
                e -> {
                    summary.set("Cannot read the advisory database: " + Errors.describe(e));
                    statusBar.accept("Advisories: database unreadable");
                });
    }

    private void apply(List<EcosystemStatus> all) {
        int days = services.staleDays().getAsInt();
        List<EcosystemStatus> present = all.stream().filter(EcosystemStatus::present).toList();
        ecosystems.setAll(present);
        empty.set(present.isEmpty());
        String bar = AdvisoryStatusText.statusBar(all, days);
        summary.set(present.isEmpty() ? "No advisory database in " + services.databaseDir()
                + ". Import OSV dumps (<Ecosystem>/all.zip) or update from the dump server."
                : bar.substring("Advisories: ".length()));
        String warning = AdvisoryStatusText.staleWarning(all, days);
        if (warning != null && !warning.equals(staleWarning.get())) {
            LOG.warn(warning); // the console log goes to stderr
        }
        staleWarning.set(warning);
        statusBar.accept(bar);
    }

    /** Imports dump zips, OSV JSON files or folders of them. */
    public void importDumps(List<Path> sources) {
        if (sources.isEmpty() || busy.get()) {
            return;
        }
        int gen = start("Importing " + sources.size() + " source(s)…");
        running = services.tasks().run("advisory import", () -> services.database().importDumps(sources),
                r -> finish(gen, describe(r)), e -> fail(gen, "Import failed: " + Errors.describe(e)));
    }

    /**
     * What {@link #update()} would download, as the dump server announces it now ({@code HEAD} requests): never
     * a figure typed in advance, since the dumps grow every day. Until checked, says so.
     */
    public StringProperty downloadSizeProperty() {
        return downloadSize;
    }

    /** True while {@link #checkDownloadSize()} waits for the server. */
    public BooleanProperty checkingSizeProperty() {
        return checkingSize;
    }

    /** Asks the dump server for the size of what {@link #update()} would download. */
    public void checkDownloadSize() {
        if (checkingSize.get()) {
            return;
        }
        List<Ecosystem> wanted = wanted();
        checkingSize.set(true);
        downloadSize.set("asking " + services.dumpBase().getHost() + "…");
        services.tasks().run("advisory download size",
                () -> services.database().updater(services.dumpBase(), DOWNLOAD_TIMEOUT).downloadSize(wanted), r -> {
                    checkingSize.set(false);
                    downloadSize.set(describe(r, wanted.size()));
                }, e -> {
                    checkingSize.set(false);
                    downloadSize.set("size unknown: " + Errors.describe(e));
                });
    }

    static String describe(DumpUpdater.DownloadSize r, int dumps) {
        String of = dumps + (dumps == 1 ? " dump" : " dumps");
        if (r.unknown() == dumps) {
            return "size unknown: " + (r.problems().isEmpty() ? "the server did not say"
                    : r.problems().getFirst() + (r.problems().size() > 1 ? " (+" + (r.problems().size() - 1)
                    + " more)" : ""));
        }
        return mb(r.bytes()) + " in " + of + (r.unknown() > 0 ? " (" + r.unknown() + " of unknown size)" : "")
                + ", as the server announces now";
    }

    private List<Ecosystem> wanted() {
        return ecosystems.isEmpty() ? Arrays.asList(Ecosystem.values())
                : ecosystems.stream().map(s -> Ecosystem.fromOsv(s.ecosystem()).orElseThrow()).toList();
    }

    /** Downloads changed dumps of the present ecosystems (all when the database is empty) and imports them. */
    public void update() {
        if (busy.get()) {
            return;
        }
        List<Ecosystem> wanted = wanted();
        int gen = start("Contacting " + services.dumpBase() + "…");
        progress.set(0);
        running = services.tasks().run("advisory update", () -> download(gen, wanted),
                r -> finish(gen, r), e -> fail(gen, "Update failed: " + Errors.describe(e)));
    }

    private String download(int gen, List<Ecosystem> wanted) throws Exception {
        DumpUpdater.Result result = services.database().updater(services.dumpBase(), DOWNLOAD_TIMEOUT)
                .update(wanted, false, new DumpUpdater.Listener() {
                    @Override
                    public Consumer<OsvDumpDownloader.Progress> downloading(int index, int count, Ecosystem eco) {
                        return p -> services.fx().execute(() -> {
                            if (gen == generation) {
                                double part = p.total() > 0 ? (double) p.bytes() / p.total() : 0;
                                progress.set((index + part) / count);
                                message.set("Downloading " + eco + ": " + mb(p.bytes())
                                        + (p.total() > 0 ? " of " + mb(p.total()) : ""));
                            }
                        });
                    }

                    @Override
                    public void importing(int dumps) {
                        services.fx().execute(() -> {
                            if (gen == generation) {
                                progress.set(-1);
                                message.set("Importing " + dumps + " dump(s)…");
                            }
                        });
                    }
                });
        List<String> lines = new ArrayList<>();
        if (result.imported() != null) {
            lines.add(describe(result.imported()));
        }
        for (DumpUpdater.Step step : result.steps()) {
            if (step.upToDate()) {
                lines.add(step.outcome().ecosystem() + " up to date");
            } else if (step.failed()) {
                lines.add(step.outcome().ecosystem() + ": " + step.outcome().message());
            }
        }
        return String.join("; ", lines);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }

    /** The import summary: the same words as the CLI's, in one line. */
    private static String describe(ImportResult r) {
        return ImportSummary.oneLine(r, MAX_NAMED);
    }

    /**
     * Stops the running import or update by interrupting it: a download stops between buffers (its partial file
     * is kept for resuming), an import stops between records and leaves every ecosystem not yet swapped in on its
     * previous data. A late result is discarded and the state re-read.
     */
    public void cancel() {
        if (!busy.get()) {
            return;
        }
        generation++;
        if (running != null) {
            running.cancel(true);
        }
        busy.set(false);
        progress.set(0);
        message.set("Cancelled. Ecosystems not yet swapped in keep their previous data.");
        refresh();
    }

    private int start(String text) {
        busy.set(true);
        progress.set(-1);
        message.set(text);
        return ++generation;
    }

    private void finish(int gen, String text) {
        if (gen != generation) {
            refresh();
            return;
        }
        progress.set(1);
        message.set(text);
        busy.set(false);
        refresh();
    }

    private void fail(int gen, String text) {
        if (gen == generation) {
            progress.set(0);
            message.set(text);
            busy.set(false);
        }
        refresh();
    }
}
