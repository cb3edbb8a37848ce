package dev.bulwark.ui.containers;

import dev.bulwark.docker.engine.LogChunk;
import dev.bulwark.docker.logs.LogBuffer;
import dev.bulwark.docker.logs.LogFilter;
import dev.bulwark.docker.logs.LogLine;
import dev.bulwark.docker.logs.LogReader;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.UpdateBatcher;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Logs of the selected container: the last {@code tail} lines, then followed live. Turning
 * {@code follow} off freezes the shown lines (new ones are still collected in the bounded buffer). Lines arrive
 * on the follower's thread and reach the FX thread through an {@link UpdateBatcher}, one per follow; the search
 * applies to the held buffer and to new lines.
 */
public final class LogsViewModel implements AutoCloseable {
    static final int MAX_LINES = 5000;

    private final ContainerMonitor monitor;
    private final TaskRunner tasks;
    private final Executor fx;
    private final UpdateBatcher.Factory batchers;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final BooleanProperty regex = new SimpleBooleanProperty(this, "regex", false);
    private final BooleanProperty stdout = new SimpleBooleanProperty(this, "stdout", true);
    private final BooleanProperty stderr = new SimpleBooleanProperty(this, "stderr", true);
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final IntegerProperty tail = new SimpleIntegerProperty(this, "tail", 200);
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "Select a container to see its logs.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private ContainerView container;
    private LogBuffer buffer = new LogBuffer(MAX_LINES, 4L << 20);
    private LogReader.Follow running;
    private UpdateBatcher<LogLine> batcher;
    private long generation;
    private Predicate<LogLine> predicate = LogFilter.all().predicate();

    /**
     * @param monitor  follows the logs
     * @param tasks    starts and stops follows in the background
     * @param fx       the FX thread, for a follow's end
     * @param batchers carry each follow's lines to the FX thread
     */
    public LogsViewModel(ContainerMonitor monitor, TaskRunner tasks, Executor fx, UpdateBatcher.Factory batchers) {
        this.monitor = Objects.requireNonNull(monitor);
        this.tasks = Objects.requireNonNull(tasks);
        this.fx = Objects.requireNonNull(fx);
        this.batchers = Objects.requireNonNull(batchers);
        query.addListener((o, a, b) -> refilter());
        regex.addListener((o, a, b) -> refilter());
        stdout.addListener((o, a, b) -> refilter());
        stderr.addListener((o, a, b) -> refilter());
        follow.addListener((o, a, b) -> {
            if (b) {
                refilter();
                describeFollow();
            } else {
                state.set("Paused: new lines are still collected and appear when you resume following.");
            }
        });
    }

    /** Shows the logs of {@code v} (null clears); FX thread. */
    public void show(ContainerView v) {
        String oldKey = container == null ? null : container.key();
        boolean wasRunning = container != null && container.details().state().hasProcesses();
        container = v;
        if (v == null) {
            stop("Select a container to see its logs.");
            lines.clear();
            return;
        }
        boolean running = v.details().state().hasProcesses();
        if (!v.key().equals(oldKey) || (running && !wasRunning)) {
            restart(); // another container, or this one started again: its new run has a new stream
        } else if (!running && wasRunning) {
            describeFollow();
        }
    }

    /** Re-reads the last {@code tail} lines and follows again if {@code follow} is on. */
    public void restart() {
        stop("");
        if (container == null) {
            return;
        }
        ContainerView v = container;
        long gen = ++generation;
        buffer = new LogBuffer(MAX_LINES, 4L << 20);
        LogBuffer target = buffer;
        lines.clear();
        error.set("");
        state.set("Loading the last " + tail.get() + " lines of " + v.details().name() + "…");
        UpdateBatcher<LogLine> lineBatcher = batchers.start(batch -> append(gen, batch));
        batcher = lineBatcher;
        tasks.run("logs of " + v.details().name(),
                () -> monitor.followLogs(v.engine(), v.details().id(), tail.get(), target,
                        lineBatcher::offer, e -> fx.execute(() -> ended(gen, e))),
                f -> attached(gen, v, f),
                e -> {
                    if (gen == generation) {
                        error.set("Logs of " + v.details().name() + " unavailable: " + e.getMessage());
                        state.set("");
                    }
                });
    }

    private void attached(long gen, ContainerView v, LogReader.Follow f) {
        if (gen != generation) {
            f.close();
            return;
        }
        running = f;
        describeFollow();
    }

    private void describeFollow() {
        if (container == null || running == null) {
            return;
        }
        if (!container.details().state().hasProcesses()) {
            state.set(container.details().name() + " is not running: its last " + tail.get() + " lines.");
        } else {
            state.set(follow.get()
                    ? "Following " + container.details().name() + " (last " + tail.get() + " lines, then live)."
                    : "Paused: new lines are still collected and appear when you resume following.");
        }
    }

    private void ended(long gen, Exception e) {
        if (gen == generation) {
            error.set("Log stream ended: " + e.getMessage());
            state.set("");
        }
    }

    /** One batch of a follow's lines, on the FX thread. */
    private void append(long gen, List<LogLine> batch) {
        if (gen != generation) {
            return; // closing a follow's batcher stops its deliveries; this keeps out a late batch of an earlier one
        }
        if (!follow.get()) {
            return; // paused: the lines are in the buffer and appear on resume
        }
        List<LogLine> shown = batch.stream().filter(predicate).toList();
        if (shown.isEmpty()) {
            return;
        }
        lines.addAll(shown);
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
    }

    private void refilter() {
        Set<LogChunk.Source> sources = EnumSet.of(LogChunk.Source.TTY);
        if (stdout.get()) {
            sources.add(LogChunk.Source.STDOUT);
        }
        if (stderr.get()) {
            sources.add(LogChunk.Source.STDERR);
        }
        try {
            predicate = new LogFilter(query.get(), regex.get(), false, sources).predicate();
            error.set("");
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        lines.setAll(buffer.lines().stream().filter(predicate).toList());
    }

    private void stop(String message) {
        stop(message, true);
    }

    /** Ends the current follow; in the background unless closing (closing the stream joins its reader). */
    private void stop(String message, boolean background) {
        generation++;
        if (batcher != null) {
            batcher.close();
            batcher = null;
        }
        if (running != null) {
            LogReader.Follow f = running;
            running = null;
            if (background) {
                tasks.run("stop following logs", f::close);
            } else {
                f.close();
            }
        }
        if (!message.isEmpty()) {
            state.set(message);
        }
    }

    /** Lines passing the search, oldest first. */
    public ObservableList<LogLine> lines() {
        return lines;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public BooleanProperty regexProperty() {
        return regex;
    }

    public BooleanProperty stdoutProperty() {
        return stdout;
    }

    public BooleanProperty stderrProperty() {
        return stderr;
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public IntegerProperty tailProperty() {
        return tail;
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    @Override
    public void close() {
        stop("Closed.", false);
    }
}
