package dev.bulwark.docker.model;

import dev.bulwark.docker.stats.ContainerStats;
import java.util.Objects;

/**
 * One container as the console shows it.
 *
 * @param engine  name of the engine it runs on
 * @param details inspect data
 * @param stats   latest figures, null when not running or not yet sampled
 * @param stale   true when the engine is unreachable: the data is the last known, not live
 */
public record ContainerView(String engine, ContainerDetails details, ContainerStats stats, boolean stale) {

    public ContainerView {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(details, "details");
    }

    /** Unique key across engines. */
    public String key() {
        return engine + "/" + details.id();
    }

    /** Live and running: counts toward running totals and CPU/memory sums. */
    public boolean live() {
        return !stale && details.state().hasProcesses();
    }
}
