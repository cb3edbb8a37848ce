package dev.bulwark.ui.containers;

import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Capacity of the machines behind the engines, for the cluster gauges' scales. Pure functions. */
final class MachineCapacity {
    private MachineCapacity() {
    }

    /**
     * Memory behind the live containers: each machine's {@code MemTotal} once, however many engines run on it;
     * for an engine that gave no machine information, the largest container limit seen on it (an unlimited
     * container's limit is the machine's memory).
     */
    static long memory(List<EngineStatus> engines, List<ContainerView> views) {
        Map<String, Long> perMachine = new HashMap<>();
        Set<String> described = new HashSet<>();
        for (EngineStatus e : engines) {
            if (e.info() != null && e.info().memTotalBytes() > 0) {
                perMachine.put(e.info().machineKey(), e.info().memTotalBytes());
                described.add(e.engine());
            }
        }
        Map<String, Long> perEngine = new HashMap<>();
        for (ContainerView v : views) {
            if (v.live() && v.stats() != null && !described.contains(v.engine())) {
                perEngine.merge(v.engine(), v.stats().memLimitBytes(), Math::max);
            }
        }
        return perMachine.values().stream().mapToLong(Long::longValue).sum()
                + perEngine.values().stream().mapToLong(Long::longValue).sum();
    }

    /** CPU capacity in Docker's percent (100 per CPU) over the distinct machines, 0 when unknown. */
    static double cpu(List<EngineStatus> engines) {
        Map<String, Integer> perMachine = new HashMap<>();
        for (EngineStatus e : engines) {
            if (e.info() != null && e.info().cpus() > 0) {
                perMachine.put(e.info().machineKey(), e.info().cpus());
            }
        }
        return 100.0 * perMachine.values().stream().mapToInt(Integer::intValue).sum();
    }
}
