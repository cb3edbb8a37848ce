package dev.bulwark.docker.monitor;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.alert.AlertEngine;
import dev.bulwark.docker.alert.AlertThresholds;
import dev.bulwark.docker.engine.ContainerAction;
import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.DockerEngineException;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.history.MetricsHistory;
import dev.bulwark.docker.logs.LogBuffer;
import dev.bulwark.docker.logs.LogLine;
import dev.bulwark.docker.logs.LogReader;
import dev.bulwark.docker.logs.LogSanitizer;
import dev.bulwark.docker.model.ClusterTotals;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.util.NamedThreads;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container health monitor: watches any number of engines and publishes a {@link MonitorUpdate}
 * (snapshot, new alerts) every tick through {@link java.util.concurrent.Flow}. Keeps 15 minutes of
 * history per container and for the cluster, and the recent alerts. UI-free; the GUI subscribes and
 * hops to its own thread.
 *
 * <p>Slow subscribers miss updates rather than slowing the monitor: each update is a full snapshot, so
 * the next one supersedes a dropped one.
 */
public final class ContainerMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerMonitor.class);

    private final EngineFactory factory;
    private final MonitorConfig config;
    private final Clock clock;
    private final AlertEngine alertEngine;
    private final MetricsHistory history;
    private final List<EngineSession> sessions = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Alert> alerts = new ArrayDeque<>();
    private final List<Alert> pendingAlerts = new ArrayList<>();
    private final ExecutorService ticker = NamedThreads.virtualExecutor("docker-monitor-tick");
    private final ExecutorService delivery = NamedThreads.virtualExecutor("docker-monitor-publish");
    private final SubmissionPublisher<MonitorUpdate> publisher;
    private final LogReader logReader = new LogReader(new LogSanitizer(8192));
    private volatile MonitorUpdate latest;
    private volatile boolean started;
    private volatile boolean closed;

    public ContainerMonitor(List<EngineSpec> engines, EngineFactory factory, MonitorConfig config, Clock clock) {
        this.factory = factory;
        this.config = config;
        this.clock = clock;
        this.alertEngine = new AlertEngine(clock, config.alerts());
        this.history = new MetricsHistory(config.historyWindow(), config.tick());
        this.publisher = new SubmissionPublisher<>(delivery, 16);
        for (EngineSpec spec : engines) {
            sessions.add(newSession(spec));
        }
    }

    /** Starts watching every engine and publishing updates. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        sessions.forEach(EngineSession::start);
        ticker.submit(this::tickLoop);
    }

    /** Adds an engine at runtime (Settings); names must be unique. */
    public void addEngine(EngineSpec spec) {
        if (sessions.stream().anyMatch(s -> s.spec().name().equals(spec.name()))) {
            throw new IllegalArgumentException("engine " + spec.name() + " is already monitored");
        }
        EngineSession s = newSession(spec);
        sessions.add(s);
        if (started) {
            s.start();
        }
    }

    /** Where an engine is reached ({@code unix:///var/run/docker.sock}), empty for an unknown name. */
    public java.util.Optional<java.net.URI> endpoint(String engine) {
        return sessions.stream().filter(s -> s.spec().name().equals(engine)).findFirst().map(s -> s.spec().host());
    }

    /** Stops watching an engine and closes its streams. */
    public void removeEngine(String name) {
        for (EngineSession s : sessions) {
            if (s.spec().name().equals(name)) {
                sessions.remove(s);
                s.close();
            }
        }
    }

    /** Receives an update every tick until the monitor closes. */
    public void subscribe(Flow.Subscriber<? super MonitorUpdate> subscriber) {
        publisher.subscribe(subscriber);
    }

    /** The most recent update, or null before the first tick. */
    public MonitorUpdate latest() {
        return latest;
    }

    /** A snapshot built now (not waiting for the next tick). */
    public Snapshot snapshot() {
        List<ContainerView> views = new ArrayList<>();
        List<EngineStatus> statuses = new ArrayList<>();
        for (EngineSession s : sessions) {
            statuses.add(s.status());
            views.addAll(s.views());
        }
        views.sort(Comparator.comparing(ContainerView::engine).thenComparing(v -> v.details().name()));
        return new Snapshot(clock.instant(), statuses, views, ClusterTotals.of(views));
    }

    /** History per container and for the cluster. */
    public MetricsHistory history() {
        return history;
    }

    /** Recent alerts, oldest first. */
    public synchronized List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /** New thresholds from Settings. */
    public void setAlertThresholds(AlertThresholds thresholds) {
        alertEngine.setThresholds(thresholds);
    }

    /** Stats streams currently open across engines (one per running container when healthy). */
    public int openStatsStreams() {
        return sessions.stream().mapToInt(EngineSession::openStatsStreams).sum();
    }

    /**
     * Performs an action on a container. The UI confirms {@code REMOVE} before calling.
     *
     * @throws DockerEngineException with a message fit for the user when the engine refuses or is down
     */
    public void perform(String engine, String containerId, ContainerAction action) {
        session(engine).connected().perform(containerId, action);
    }

    /**
     * The engine's raw inspect document of a container, pretty-printed ({@link DockerEngine#inspectJson}).
     *
     * @throws DockerEngineException naming the engine when it is not connected or the call fails
     */
    public String inspectJson(String engine, String containerId) {
        return session(engine).connected().inspectJson(containerId);
    }

    /**
     * Streams an image of an engine as a {@code docker save} tar ({@link DockerEngine#saveImage}); the caller closes it.
     *
     * @throws DockerEngineException naming the engine when it is not connected or refuses
     */
    public java.io.InputStream saveImage(String engine, String reference) {
        return session(engine).connected().saveImage(reference);
    }

    /** How many layers an image of an engine has ({@link DockerEngine#imageLayerCount}). */
    public int imageLayerCount(String engine, String reference) {
        return session(engine).connected().imageLayerCount(reference);
    }

    /** Follows a container's logs into {@code buffer}; close the result to stop. */
    public LogReader.Follow followLogs(String engine, String containerId, int tail, LogBuffer buffer,
                                       Consumer<LogLine> listener, Consumer<Exception> onError) {
        DockerEngine e = session(engine).connected();
        return logReader.follow(e, e.inspect(containerId), tail, buffer, listener, onError);
    }

    private EngineSession session(String engine) {
        return sessions.stream().filter(s -> s.spec().name().equals(engine)).findFirst()
                .orElseThrow(() -> new DockerEngineException("no engine named " + engine));
    }

    private EngineSession newSession(EngineSpec spec) {
        return new EngineSession(spec, factory, clock, config, alertEngine, this::raise);
    }

    private synchronized void raise(List<Alert> raised) {
        for (Alert a : raised) {
            LOG.info("alert: {}", a.message());
            alerts.addLast(a);
            pendingAlerts.add(a);
            while (alerts.size() > config.maxAlerts()) {
                alerts.removeFirst();
            }
        }
    }

    private void tickLoop() {
        long period = config.tick().toNanos();
        long next = System.nanoTime();
        while (!closed) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.error("monitor tick failed", e);
            }
            next += period;
            long sleep = next - System.nanoTime();
            if (sleep < 0) {
                next = System.nanoTime(); // fell behind: do not burst to catch up
                continue;
            }
            try {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Builds and publishes one update; package-private so tests can drive ticks. */
    void tick() {
        Snapshot snapshot = snapshot();
        Instant at = snapshot.at();
        history.record(at, snapshot.containers());
        List<Alert> fresh;
        synchronized (this) {
            fresh = List.copyOf(pendingAlerts);
            pendingAlerts.clear();
        }
        MonitorUpdate update = new MonitorUpdate(snapshot, fresh);
        latest = update;
        publisher.offer(update, (subscriber, dropped) -> false);
    }

    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        ticker.close();
        for (EngineSession s : sessions) {
            s.close();
        }
        publisher.close();
        delivery.close();
    }
}
