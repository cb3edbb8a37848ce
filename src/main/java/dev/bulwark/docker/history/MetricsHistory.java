package dev.bulwark.docker.history;

import dev.bulwark.docker.model.ContainerView;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last {@code window} of samples per container and for the whole cluster, one point per tick.
 * Containers that disappear are dropped; stale (unreachable) containers get no points, leaving a gap.
 */
public final class MetricsHistory {
    private final int capacity;
    private final Map<String, RingBuffer<HistoryPoint>> perContainer = new ConcurrentHashMap<>();
    private final RingBuffer<HistoryPoint> cluster;

    /** @param window how far back to keep (15 min in the console); {@code tick} the sample interval */
    public MetricsHistory(Duration window, Duration tick) {
        this.capacity = (int) Math.max(1, window.toMillis() / Math.max(1, tick.toMillis()));
        this.cluster = new RingBuffer<>(capacity);
    }

    /** Adds one point per live container with stats, and one cluster point. */
    public void record(Instant at, List<ContainerView> views) {
        Set<String> present = new HashSet<>();
        double cpu = 0;
        long mem = 0;
        double rx = 0;
        double tx = 0;
        for (ContainerView v : views) {
            present.add(v.key());
            if (!v.live() || v.stats() == null) {
                continue;
            }
            var s = v.stats();
            perContainer.computeIfAbsent(v.key(), k -> new RingBuffer<>(capacity))
                    .add(new HistoryPoint(at, s.cpuPercent(), s.memUsageBytes(), s.netRxRate(), s.netTxRate()));
            cpu += s.cpuPercent();
            mem += s.memUsageBytes();
            rx += s.netRxRate();
            tx += s.netTxRate();
        }
        perContainer.keySet().retainAll(present);
        cluster.add(new HistoryPoint(at, cpu, mem, rx, tx));
    }

    /** Points of one container ({@link ContainerView#key()}), oldest first; empty if unknown. */
    public List<HistoryPoint> container(String key) {
        RingBuffer<HistoryPoint> r = perContainer.get(key);
        return r == null ? List.of() : r.toList();
    }

    /** Cluster points, oldest first. */
    public List<HistoryPoint> cluster() {
        return cluster.toList();
    }

    /** Points kept per series. */
    public int capacity() {
        return capacity;
    }

    /** Containers with a series. */
    public Set<String> containers() {
        return Set.copyOf(perContainer.keySet());
    }
}
