package dev.bulwark.ui.containers;

import dev.bulwark.docker.engine.LogChunk;
import dev.bulwark.docker.logs.LogBuffer;
import dev.bulwark.docker.logs.LogFilter;
import dev.bulwark.docker.logs.LogLine;
import dev.bulwark.docker.logs.LogReader;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.ui.TaskRunner;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * {@code follow} off freezes the shown lines (new ones are still collected in the bounded buffer). Lines arrive on the follower's thread and reach the FX thread in coalesced batches; the search applies
 * to the held buffer and to new lines.
 */
public final class LogsViewModel implements AutoCloseable {
    static final int MAX_LINES = 5000;

    private final ContainerMonitor monitor;
    private final TaskRunner tasks;
    private final Executor fx;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final BooleanProperty regex = new SimpleBooleanProperty(this, "regex", false);
    private final BooleanProperty stdout = new SimpleBooleanProperty(this, "stdout", true);
    private final BooleanProperty stderr = new SimpleBooleanProperty(this, "stderr", true);
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final IntegerProperty tail = new SimpleIntegerProperty(this, "tail", 200);
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "Select a container to see its logs.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ConcurrentLinkedQueue<LogLine> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private ContainerView container;
    private LogBuffer buffer = new LogBuffer(MAX_LINES, 4L << 20);
    private LogReader.Follow running;
    private long generation;
    private Predicate<LogLine> predicate = LogFilter.all().predicate();

    public LogsViewModel(ContainerMonitor monitor, TaskRunner tasks, Executor fx) {
        this.monitor = Objects.requireNonNull(monitor);
        this.tasks = Objects.requireNonNull(tasks);
        this.fx = Objects.requireNonNull(fx);
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
        incoming.clear();
        error.set("");
        state.set("Loading the last " + tail.get() + " lines of " + v.details().name() + "…");
        tasks.run("logs of " + v.details().name(),
                () -> monitor.followLogs(v.engine(), v.details().id(), tail.get(), target,
                        line -> enqueue(gen, line), e -> fx.execute(() -> ended(gen, e))),
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

    private void enqueue(long gen, LogLine line) {
        if (gen != generation) {
            return;
        }
        incoming.add(line);
        if (drainScheduled.compareAndSet(false, true)) {
            fx.execute(() -> drain(gen));
        }
    }

    private void drain(long gen) {
        drainScheduled.set(false);
        List<LogLine> batch = new ArrayList<>();
        for (LogLine l; (l = incoming.poll()) != null; ) {
            if (predicate.test(l)) {
                batch.add(l);
            }
        }
        if (gen != generation || batch.isEmpty() || !follow.get()) {
            return;
        }
        lines.addAll(batch);
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
