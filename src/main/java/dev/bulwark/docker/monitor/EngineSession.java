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
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
 * arrive, holds one stats stream per running container (like {@code docker stats}), and reconnects with
 * backoff when the engine goes away, marking its containers stale meanwhile. Every thread it starts is a
 * named virtual thread in its own executor, closed with the session.
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
    private final Object sleeper = new Object();
    private volatile EngineStatus status;
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
        this.status = new EngineStatus(spec.name(), EngineStatus.Kind.CONNECTING, null, clock.instant(), null);
    }

    void start() {
        threads.submit(this::run);
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
        if (e == null || status.kind() != EngineStatus.Kind.CONNECTED) {
            throw new DockerEngineException("engine " + spec.name() + " is not connected: "
                    + status.describe(clock.instant()));
        }
        return e;
    }

    private void run() {
        try {
            spec.validate();
        } catch (IllegalArgumentException e) {
            status = new EngineStatus(spec.name(), EngineStatus.Kind.UNREACHABLE, e.getMessage(), clock.instant(), null);
            LOG.warn("{}", e.getMessage());
            return;
        }
        int failures = 0;
        while (!closed) {
            try {
                connectAndFollow();
                if (closed) {
                    break;
                }
                throw new IOException("event stream ended");
            } catch (Exception e) {
                if (closed) {
                    break;
                }
                failures = status.kind() == EngineStatus.Kind.CONNECTED ? 1 : failures + 1;
                disconnect();
                Duration delay = config.backoff().delay(failures);
                Instant now = clock.instant();
                String reason = DockerEngineException.rootMessage(e);
                status = new EngineStatus(spec.name(), EngineStatus.Kind.RECONNECTING, reason, now, now.plus(delay));
                LOG.warn("engine {}: {}; reconnecting in {} ms", spec.name(), reason, delay.toMillis());
                pause(delay);
            }
        }
        disconnect();
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

    private void connectAndFollow() throws Exception {
        DockerEngine e = factory.open(spec);
        engine = e;
        e.ping();
        EngineInfo info = machineInfo(e);
        // Ask for events (from a second back, so nothing between this and the listing is missed) on a
        // thread of its own: engines 20.10 hold the response head back until the first event.
        Instant since = clock.instant().minusSeconds(1);
        Future<EngineStream<EngineEvent>> pending = threads.submit(() -> e.openEvents(since));
        Future<?> dog = null;
        EngineStream<EngineEvent> ev = null;
        try {
            resync(e);
            status = new EngineStatus(spec.name(), EngineStatus.Kind.CONNECTED, null, clock.instant(), null, info);
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

    private void pause(Duration d) {
        synchronized (sleeper) {
            long end = System.nanoTime() + d.toNanos();
            long left;
            while (!closed && (left = end - System.nanoTime()) > 0) {
                try {
                    sleeper.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        disconnect();
        threads.close();
    }
}
