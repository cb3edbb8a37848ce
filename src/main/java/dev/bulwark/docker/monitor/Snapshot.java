package dev.bulwark.docker.monitor;

import dev.bulwark.docker.model.ClusterTotals;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.EngineStatus;
import java.time.Instant;
import java.util.List;

/**
 * Everything the console shows at one instant.
 *
 * @param at         when it was taken
 * @param engines    connection state per engine
 * @param containers containers across engines, sorted by engine then name
 * @param totals     cluster totals
 */
public record Snapshot(Instant at, List<EngineStatus> engines, List<ContainerView> containers, ClusterTotals totals) {

    public Snapshot {
        engines = List.copyOf(engines);
        containers = List.copyOf(containers);
    }
}
