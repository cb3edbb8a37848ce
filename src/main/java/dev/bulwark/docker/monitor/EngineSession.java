package dev.bulwark.docker.monitor;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.alert.AlertEngine;
import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.DockerEngineException;
import dev.bulwark.docker.engine.EngineEvent;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.engine.EngineStream;
import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineInfo;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.stats.RawStats;
import dev.bulwark.util.NamedThreads;
import dev.bulwark.util.reconnect.ConnectionState;
import dev.bulwark.util.reconnect.ReconnectLoop;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one engine's containers current: subscribes to the event stream, inspects containers as events
 * arrive, holds one stats stream per running container (like {@code docker stats}), and reconnects through
 * the shared {@link ReconnectLoop} when the engine goes away, marking its containers stale meanwhile. Every
 * thread it starts is a named virtual thread in its own executor, closed with the session.
 */
final class EngineSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);
    /** Events that say nothing about a container's state (health probes run as execs every interval). */
    private static final Set<String> IGNORED = Set.of("exec_create", "exec_start", "exec_die", "exec_detach",
            "attach", "detach", "resize", "top", "export", "commit", "copy", "archive-path", "extract-to-dir");

    private final EngineSpec spec;
    private final EngineFactory factory;
    private final Clock clock;
    private final MonitorConfig config;
    private final AlertEngine alerts;
    private final Consumer<List<Alert>> alertSink;
    private final ExecutorService threads;
    private final Map<String, TrackedContainer> containers = new ConcurrentHashMap<>();
    private final AtomicInteger openStats = new AtomicInteger();
    private final ReconnectLoop loop;
    private volatile EngineStatus status;
    /** The machine information of the connection being made, published with its CONNECTED state. */
    private volatile EngineInfo info;
    private volatile DockerEngine engine;
    private volatile EngineStream<EngineEvent> events;
    private volatile boolean closed;

    EngineSession(EngineSpec spec, EngineFactory factory, Clock clock, MonitorConfig config, AlertEngine alerts,
                  Consumer<List<Alert>> alertSink) {
        this.spec = spec;
        this.factory = factory;
        this.clock = clock;
        this.config = config;
        this.alerts = alerts;
        this.alertSink = alertSink;
        this.threads = NamedThreads.virtualExecutor("docker-" + spec.name().replaceAll("[^A-Za-z0-9._-]", "_"));
        this.loop = new ReconnectLoop("engine " + spec.name(), config.backoff(), clock, this::onState,
                this::connectAndFollow);
        this.status = new EngineStatus(spec.name(), loop.state());
    }

    void start() {
        loop.start();
    }

    private void onState(ConnectionState s) {
        // Machine information belongs to the connection that reported it.
        status = new EngineStatus(spec.name(), s, s.kind() == ConnectionState.Kind.CONNECTED ? info : null);
    }

    EngineSpec spec() {
        return spec;
    }

    EngineStatus status() {
        return status;
    }

    /** Current views; stale while disconnected. */
    List<ContainerView> views() {
        List<ContainerView> out = new ArrayList<>(containers.size());
        for (TrackedContainer t : containers.values()) {
            out.add(t.view(spec.name()));
        }
        return out;
    }

    int openStatsStreams() {
        return openStats.get();
    }

    /** The connected engine, for actions and logs. */
    DockerEngine connected() {
        DockerEngine e = engine;
        if (e == null || status.kind() != ConnectionState.Kind.CONNECTED) {
            throw new DockerEngineException("engine " + spec.name() + " is not connected: "
                    + status.describe(clock.instant()));
        }
        return e;
    }

    /** The machine behind the engine, for capacity figures; monitoring goes on without it. */
    private EngineInfo machineInfo(DockerEngine e) {
        try {
            return e.info();
        } catch (DockerEngineException x) {
            LOG.warn("engine {}: no machine information, capacity figures leave it out: {}", spec.name(), x.getMessage());
            return null;
        }
    }

    /**
     * One connection, the body of the reconnect loop: ends when the event stream does (the engine went away,
     * the watchdog's ping failed, or the session closed), leaving the containers stale until the next one.
     */
    private void connectAndFollow(Runnable connected) throws Exception {
        try {
            spec.validate();
        } catch (IllegalArgumentException e) {
            throw new ReconnectLoop.PermanentFailure(e.getMessage(), e);
        }
        try {
            follow(connected);
            if (!closed) {
                throw new IOException("event stream ended");
            }
        } finally {
            disconnect();
        }
    }

    private void follow(Runnable connected) throws Exception {
        DockerEngine e = factory.open(spec);
        engine = e;
        if (closed) {
            return; // close() may have looked for the engine before it was set: the finally closes it
        }
        e.ping();
        info = machineInfo(e);
        // Ask for events (from a second back, so nothing between this and the listing is missed) on a
        // thread of its own: engines 20.10 hold the response head back until the first event.
        Instant since = clock.instant().minusSeconds(1);
        Future<EngineStream<EngineEvent>> pending = threads.submit(() -> e.openEvents(since));
        Future<?> dog = null;
        EngineStream<EngineEvent> ev = null;
        try {
            resync(e);
            connected.run();
            LOG.info("engine {} connected: {} containers", spec.name(), containers.size());
            dog = threads.submit(() -> watchdog(e));
            try {
                ev = pending.get();
            } catch (ExecutionException x) {
                throw x.getCause() instanceof Exception c ? c : x;
            }
            events = ev;
            EngineEvent event;
            while (!closed && (event = ev.next()) != null) {
                handle(e, event);
            }
        } finally {
            if (dog != null) {
                dog.cancel(true);
            }
            if (ev == null && pending.state() == Future.State.SUCCESS) {
                pending.resultNow().close();
            }
        }
    }

    private void resync(DockerEngine e) {
        Set<String> ids = new HashSet<>(e.containerIds(true));
        containers.keySet().removeIf(id -> {
            if (!ids.contains(id)) {
                TrackedContainer gone = containers.get(id);
                if (gone != null) {
                    gone.stopStreaming();
                }
                return true;
            }
            return false;
        });
        List<Alert> raised = new ArrayList<>();
        for (String id : ids) {
            refresh(e, id);
            TrackedContainer t = containers.get(id);
            if (t != null) {
                ContainerDetails d = t.details();
                raised.addAll(alerts.onObservedHealth(spec.name(), id, d.name(), d.health() == Health.UNHEALTHY));
            }
        }
        if (!raised.isEmpty()) {
            alertSink.accept(raised);
        }
    }

    private void handle(DockerEngine e, EngineEvent event) {
        String verb = event.verb();
        if (IGNORED.contains(verb) || event.containerId().isEmpty()) {
            return;
        }
        String name = event.attributes().getOrDefault("name", event.containerId());
        List<Alert> raised = alerts.onEvent(spec.name(), name, event);
        if (!raised.isEmpty()) {
            alertSink.accept(raised);
        }
        if ("destroy".equals(verb)) {
            TrackedContainer gone = containers.remove(event.containerId());
            if (gone != null) {
                gone.stopStreaming();
            }
            return;
        }
        refresh(e, event.containerId());
    }

    /** Re-inspects one container and opens or closes its stats stream to match its state. */
    private void refresh(DockerEngine e, String id) {
        ContainerDetails d;
        try {
            d = e.inspect(id);
        } catch (DockerEngineException ex) {
            if (ex.getMessage() != null && ex.getMessage().contains("HTTP 404")) {
                TrackedContainer gone = containers.remove(id);
                if (gone != null) {
                    gone.stopStreaming();
                }
                return;
            }
            throw ex;
        }
        TrackedContainer t = containers.computeIfAbsent(id, k -> new TrackedContainer(d));
        t.details(d);
        if (d.state().hasProcesses()) {
            long gen = t.beginStreaming();
            if (gen >= 0) {
                threads.submit(() -> readStats(e, t, id, gen));
            }
        } else {
            t.stopStreaming();
        }
    }

    private void readStats(DockerEngine e, TrackedContainer t, String id, long gen) {
        EngineStream<RawStats> s;
        try {
            s = e.openStats(id);
        } catch (DockerEngineException ex) {
            LOG.debug("engine {}: no stats stream for {}: {}", spec.name(), id, ex.getMessage());
            t.ended(gen);
            return;
        }
        if (!t.attach(gen, s)) {
            s.close();
            return;
        }
        openStats.incrementAndGet();
        try {
            RawStats raw;
            while ((raw = s.next()) != null) {
                t.update(raw);
            }
        } catch (IOException | RuntimeException ex) {
            LOG.debug("engine {}: stats stream of {} ended: {}", spec.name(), id, ex.getMessage());
        } finally {
            s.close();
            openStats.decrementAndGet();
            t.ended(gen);
        }
    }

    private void watchdog(DockerEngine e) {
        try {
            while (!closed) {
                Thread.sleep(config.watchdog().toMillis());
                e.ping();
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (DockerEngineException ex) {
            LOG.warn("engine {}: ping failed: {}", spec.name(), ex.getMessage());
            // Closing the engine ends the event stream (or the wait for it); the session then reconnects.
            EngineStream<EngineEvent> ev = events;
            if (ev != null) {
                ev.close();
            }
            e.close();
        }
    }

    private void disconnect() {
        EngineStream<EngineEvent> ev = events;
        events = null;
        if (ev != null) {
            ev.close();
        }
        for (TrackedContainer t : containers.values()) {
            t.stopStreaming();
            t.markStale();
        }
        DockerEngine e = engine;
        engine = null;
        if (e != null) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                LOG.debug("engine {}: close failed: {}", spec.name(), ex.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        // Disconnecting ends the event stream, so the loop's session returns and the loop can be joined.
        loop.close(this::disconnect);
        threads.close();
    }
}
