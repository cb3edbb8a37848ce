package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.sim.ClientResult;
import dev.bulwark.ratelimit.sim.LimiterResult;
import dev.bulwark.ratelimit.sim.ResultWriter;
import dev.bulwark.ratelimit.sim.Scenario;
import dev.bulwark.ratelimit.sim.ScenarioLoader;
import dev.bulwark.ratelimit.sim.SecondSample;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.UpdateBatcher;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate-limiter lab: a {@link ScenarioForm}, run/stop of the core {@link Simulator} (virtual time: totals
 * when done, with progress; real time: live per-second samples), the comparison of the strategies, and
 * load/save/export. All properties are touched on the FX thread only; runs and file I/O go through the
 * {@link TaskRunner}.
 */
public final class RateLimiterViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiterViewModel.class);
    /** Live charts keep this many seconds per limiter. */
    static final int LIVE_WINDOW_SECONDS = 120;
    /** Clients with a line of their own in the per-client chart (the rest are one "other clients" line). */
    static final int CHART_CLIENTS = 5;
    /** Longer runs are averaged to this many points per line. */
    static final int CHART_POINTS = 600;

    private final Simulator simulator;
    private final TaskRunner tasks;
    private final UpdateBatcher.Factory batchers;
    private final TimeSource time;
    private final ScenarioLoader loader = new ScenarioLoader();

    private final ScenarioForm form = new ScenarioForm();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("Set up a scenario and press Run.");
    private final StringProperty storeProblem = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObjectProperty<SimulationResult> result = new SimpleObjectProperty<>();
    private final ObservableList<LimiterResult> comparison = FXCollections.observableArrayList();
    private final ObservableList<SecondSample> samples = FXCollections.observableArrayList();
    private final ObservableList<String> limiterNames = FXCollections.observableArrayList();
    private final StringProperty focus = new SimpleStringProperty();
    private final ObservableList<ClientResult> clientResults = FXCollections.observableArrayList();
    private final ObservableList<ClientSeries.Line> clientLines = FXCollections.observableArrayList();
    private final DoubleProperty acceptPercent = new SimpleDoubleProperty(0);
    private final DoubleProperty decisionsPerSecond = new SimpleDoubleProperty(0);
    private final ObjectProperty<Path> scenarioFile = new SimpleObjectProperty<>();
    private final LabFiles fileActions;

    private final Map<String, long[]> liveTotals = new LinkedHashMap<>();
    private CompletableFuture<LabRun.Outcome> current;
    private LabRun labRun;
    private UpdateBatcher<SecondSample> batcher;
    private long runId;
    private boolean closed;

    /**
     * @param simulator runs scenarios (owned by the caller)
     * @param tasks     background work, results delivered on the FX thread
     * @param batchers  carries live samples to the FX thread
     * @param time      paces real-time runs and the Redis store's reconnects
     */
    public RateLimiterViewModel(Simulator simulator, TaskRunner tasks, UpdateBatcher.Factory batchers,
                                TimeSource time) {
        this.simulator = simulator;
        this.tasks = tasks;
        this.batchers = batchers;
        this.time = time;
        this.fileActions = new LabFiles(tasks, loader, form, scenarioFile, status, problems);
        focus.addListener((o, a, b) -> {
            refreshFocus();
            refreshClientLines();
        });
    }

    /** Validates the form and starts a run; returns false (with messages by the fields) if invalid. */
    public boolean run() {
        if (running.get() || closed) {
            return false;
        }
        Path file = scenarioFile.get();
        Optional<ScenarioForm.Built> built = form.build(loader, file == null ? null : file.toAbsolutePath().getParent());
        if (built.isEmpty()) {
            problems.setAll(form.errors());
            status.set("Fix the marked fields to run (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + ").");
            return false;
        }
        Scenario scenario = built.get().scenario();
        SimulationMode mode = form.modeProperty().get();
        boolean redis = form.useRedisProperty().get();
        String uri = form.redisUriProperty().get().trim();
        long id = ++runId;
        clearResults();
        scenario.limiters().forEach(l -> {
            limiterNames.add(l.name());
            liveTotals.put(l.name(), new long[2]);
        });
        focus.set(limiterNames.getFirst());
        running.set(true);
        progress.set(0);
        status.set((mode == SimulationMode.VIRTUAL ? "Simulating " : "Running in real time ")
                + scenario.seconds() + " s of '" + scenario.name() + "' on " + (redis ? "Redis" : "memory") + "...");
        batcher = batchers.start(batch -> onSamples(id, scenario, mode, batch));
        UpdateBatcher<SecondSample> sink = batcher;
        LabRun run = new LabRun(simulator, scenario, mode, redis ? uri : null, null, time, sink::offer);
        labRun = run;
        current = tasks.run("ratelimit-simulation", run,
                outcome -> finish(id, scenario, outcome, null), failure -> finish(id, scenario, null, failure));
        return true;
    }

    /** Stops the current run; its live points stay and the totals it had reached are shown. */
    public void stop() {
        if (current != null && running.get()) {
            status.set("Stopping...");
            labRun.requestStop();
            current.cancel(true);
        }
    }

    private void onSamples(long id, Scenario scenario, SimulationMode mode, List<SecondSample> batch) {
        if (id != runId) {
            return;
        }
        int last = 0;
        for (SecondSample s : batch) {
            long[] t = liveTotals.computeIfAbsent(s.limiter(), k -> new long[2]);
            t[0] += s.offered();
            t[1] += s.allowed();
            last = Math.max(last, s.second());
        }
        progress.set(Math.min(1.0, (last + 1) / (double) scenario.seconds()));
        if (mode == SimulationMode.REAL_TIME) {
            samples.addAll(batch);
            int keep = LIVE_WINDOW_SECONDS * limiterNames.size();
            if (samples.size() > keep) {
                samples.remove(0, samples.size() - keep);
            }
            final int second = last;
            decisionsPerSecond.set(batch.stream().filter(s -> s.second() == second)
                    .mapToLong(SecondSample::offered).sum());
            status.set("Running in real time: second " + (last + 1) + " of " + scenario.seconds() + ".");
            refreshClientLines();
        }
        long[] f = liveTotals.get(focus.get());
        if (f != null && f[0] > 0) {
            acceptPercent.set(100.0 * f[1] / f[0]);
        }
        updateStoreProblem();
    }

    private void finish(long id, Scenario scenario, LabRun.Outcome outcome, Throwable failure) {
        if (id != runId) {
            return;
        }
        if (batcher != null) {
            batcher.close();
            batcher = null;
        }
        running.set(false);
        current = null;
        updateStoreProblem();
        if (failure != null) {
            LOG.warn("Rate-limiter simulation of '{}' failed", scenario.name(), failure);
            status.set("Run failed: " + LabRun.redact(String.valueOf(failure.getMessage())));
            problems.setAll(status.get());
            return;
        }
        SimulationResult r = outcome.result();
        if (outcome.stopped() && r == null) {
            long done = samples.stream().mapToInt(SecondSample::second).max().orElse(-1) + 1;
            status.set("Stopped" + (done > 0 ? " after " + done + " of " + scenario.seconds() + " s" : "")
                    + " before any totals were reached.");
            return;
        }
        result.set(r);
        progress.set(outcome.stopped() ? r.seconds() / (double) scenario.seconds() : 1);
        comparison.setAll(r.limiters());
        if (!outcome.stopped() || r.mode() == SimulationMode.VIRTUAL) {
            // a stopped live run keeps the points it drew; the partial last second only counts in the totals
            samples.setAll(r.limiters().stream().flatMap(l -> l.series().stream()).toList());
        }
        refreshClientLines();
        notes.set(RunSummary.notes(r));
        problems.setAll(r.warnings());
        decisionsPerSecond.set(r.decisionsPerSecond());
        refreshFocus();
        status.set(RunSummary.status(r, scenario.seconds()));
    }

    private void refreshFocus() {
        SimulationResult r = result.get();
        if (r == null) {
            clientResults.clear();
            return;
        }
        r.limiters().stream().filter(l -> l.limiter().equals(focus.get())).findFirst().ifPresent(l -> {
            clientResults.setAll(l.clients());
            acceptPercent.set(l.offered() == 0 ? 0 : 100.0 * l.allowed() / l.offered());
        });
    }

    private void refreshClientLines() {
        String name = focus.get();
        List<SecondSample> mine = samples.stream().filter(s -> s.limiter().equals(name)).toList();
        clientLines.setAll(ClientSeries.lines(mine, CHART_CLIENTS, CHART_POINTS));
    }

    private void updateStoreProblem() {
        long n = labRun == null ? 0 : labRun.storeErrors();
        if (n > 0) {
            storeProblem.set(String.format(Locale.ROOT, "Redis store: %,d error%s; decisions failed closed"
                    + " (rejected). Latest: %s", n, n == 1 ? "" : "s", labRun.lastStoreError()));
        }
    }

    private void clearResults() {
        result.set(null);
        comparison.clear();
        samples.clear();
        limiterNames.clear();
        clientResults.clear();
        clientLines.clear();
        liveTotals.clear();
        problems.clear();
        notes.set("");
        storeProblem.set("");
        acceptPercent.set(0);
        decisionsPerSecond.set(0);
    }

    /** Loads a scenario file into the form (its problems, if any, go to {@link #problems()}). */
    public CompletableFuture<ScenarioLoader.Loaded> load(Path file) {
        return fileActions.load(file);
    }

    /** Saves the form as a scenario file (YAML or JSON by extension), atomically; false if the form is invalid. */
    public boolean save(Path file) {
        return fileActions.save(file);
    }

    /** Exports the last run's totals and series; false when there is no completed run. */
    public boolean export(Path file, ResultWriter.Format format) {
        return fileActions.export(result.get(), file, format);
    }

    /** Stops a running simulation; the run's thread ends and its Redis connection is closed. */
    @Override
    public void close() {
        closed = true;
        if (current != null) {
            labRun.requestStop();
            current.cancel(true);
        }
        if (batcher != null) {
            batcher.close();
        }
    }

    public ScenarioForm form() {
        return form;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Redis store errors of the current or last run; empty when there were none. */
    public StringProperty storeProblemProperty() {
        return storeProblem;
    }

    /** Notes about the results, e.g. the fixed-window boundary burst; one line per limiter. */
    public StringProperty notesProperty() {
        return notes;
    }

    /** Form errors, loader warnings, run warnings and failures. */
    public ObservableList<String> problems() {
        return problems;
    }

    public ObjectProperty<SimulationResult> resultProperty() {
        return result;
    }

    /** One row per limiter of the last completed run. */
    public ObservableList<LimiterResult> comparison() {
        return comparison;
    }

    /** Per-second samples: live during a real-time run, the full series after any completed run. */
    public ObservableList<SecondSample> samples() {
        return samples;
    }

    public ObservableList<String> limiterNames() {
        return limiterNames;
    }

    /** The limiter the gauges and the per-client table show. */
    public StringProperty focusProperty() {
        return focus;
    }

    public ObservableList<ClientResult> clientResults() {
        return clientResults;
    }

    /**
     * Allowed and rejected per second of the focused limiter's busiest clients and "other clients": live
     * during a real-time run, the whole run after any run that produced figures.
     */
    ObservableList<ClientSeries.Line> clientLines() {
        return clientLines;
    }

    /** How many of each second's busiest clients the simulator breaks out (the rest are "other clients"). */
    int breakdownClients() {
        return simulator.topClients();
    }

    /** Allowed / offered of the focused limiter, in percent. */
    public DoubleProperty acceptPercentProperty() {
        return acceptPercent;
    }

    /** Live: decisions in the last second; after a run: decisions per wall-clock second. */
    public DoubleProperty decisionsPerSecondProperty() {
        return decisionsPerSecond;
    }

    public ObjectProperty<Path> scenarioFileProperty() {
        return scenarioFile;
    }
}
