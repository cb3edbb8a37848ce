package dev.bulwark.docker.alert;

import dev.bulwark.docker.engine.EngineEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns container events into {@link Alert}s: unhealthy transitions, unexpected deaths and restart loops.
 * Time comes from the injected {@link Clock}. Not thread-safe: one engine session feeds one instance, or
 * callers synchronise.
 */
public final class AlertEngine {
    private final Clock clock;
    private volatile AlertThresholds thresholds;
    private final Map<String, Track> tracks = new HashMap<>();

    public AlertEngine(Clock clock, AlertThresholds thresholds) {
        this.clock = clock;
        this.thresholds = thresholds;
    }

    /** New thresholds apply to the next event (Settings changed). */
    public void setThresholds(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * Feeds one event.
     *
     * @param engine engine name
     * @param name   container name (from the event or the last inspect)
     * @return alerts raised by this event (usually none)
     */
    public synchronized List<Alert> onEvent(String engine, String name, EngineEvent event) {
        Instant now = clock.instant();
        String key = engine + "/" + event.containerId();
        AlertThresholds t = thresholds;
        List<Alert> out = new ArrayList<>(1);
        if ("destroy".equals(event.verb())) {
            tracks.remove(key);
            return out;
        }
        Track track = tracks.computeIfAbsent(key, k -> new Track());
        switch (event.verb()) {
            case "kill", "stop" -> track.userStopAt = now;
            case "oom" -> track.oom = true;
            case "die" -> {
                boolean requested = track.userStopAt != null
                        && !now.isAfter(track.userStopAt.plus(t.userStopGrace()));
                int exit = parseInt(event.attributes().get("exitCode"));
                track.diedUnexpectedly = !requested;
                if (!requested && (exit != 0 || track.oom)
                        && (track.lastDiedAlert == null || now.isAfter(track.lastDiedAlert.plus(t.restartLoopWindow())))) {
                    track.lastDiedAlert = now;
                    out.add(new Alert(now, Alert.Kind.DIED, engine, event.containerId(), name,
                            name + " died unexpectedly (exit code " + exit + (track.oom ? ", OOM-killed" : "") + ")"));
                }
                track.oom = false;
            }
            case "start" -> {
                if (track.diedUnexpectedly) {
                    track.restarts.addLast(now);
                }
                track.diedUnexpectedly = false;
                while (!track.restarts.isEmpty() && track.restarts.peekFirst().isBefore(now.minus(t.restartLoopWindow()))) {
                    track.restarts.removeFirst();
                }
                if (track.restarts.size() > t.restartLoopCount()
                        && (track.lastLoopAlert == null || now.isAfter(track.lastLoopAlert.plus(t.restartLoopWindow())))) {
                    track.lastLoopAlert = now;
                    out.add(new Alert(now, Alert.Kind.RESTART_LOOP, engine, event.containerId(), name,
                            name + " restarted " + track.restarts.size() + " times in "
                                    + t.restartLoopWindow().toMinutes() + " min (restart loop)"));
                }
            }
            case "health_status" -> {
                boolean unhealthy = event.action().contains("unhealthy");
                if (unhealthy && !track.unhealthy) {
                    out.add(new Alert(now, Alert.Kind.UNHEALTHY, engine, event.containerId(), name,
                            name + " is unhealthy"));
                }
                track.unhealthy = unhealthy;
            }
            default -> { }
        }
        return out;
    }

    /**
     * Records a container's health as a listing found it (when an engine connects or reconnects), so a
     * container that was already unhealthy before monitoring started is alerted on once, like one that turns
     * unhealthy later. A container already known to be unhealthy raises nothing new.
     *
     * @return the alert raised, if any
     */
    public synchronized List<Alert> onObservedHealth(String engine, String containerId, String name, boolean unhealthy) {
        Track track = tracks.computeIfAbsent(engine + "/" + containerId, k -> new Track());
        List<Alert> out = new ArrayList<>(1);
        if (unhealthy && !track.unhealthy) {
            out.add(new Alert(clock.instant(), Alert.Kind.UNHEALTHY, engine, containerId, name,
                    name + " is unhealthy"));
        }
        track.unhealthy = unhealthy;
        return out;
    }

    /** Containers tracked (for tests: destroyed containers are forgotten). */
    public synchronized int tracked() {
        return tracks.size();
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final class Track {
        Instant userStopAt;
        boolean oom;
        boolean diedUnexpectedly;
        boolean unhealthy;
        Instant lastDiedAlert;
        Instant lastLoopAlert;
        final ArrayDeque<Instant> restarts = new ArrayDeque<>();
    }
}
