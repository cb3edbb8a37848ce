package dev.bulwark.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.stats.ContainerStats;
import java.time.Instant;

/** One element of {@code bulwark containers --json}. */
record ContainerRow(
        String engine, String id, String name, String image, String state, String health,
        @JsonProperty("cpu_percent") double cpuPercent,
        @JsonProperty("mem_usage_bytes") long memUsageBytes,
        @JsonProperty("mem_limit_bytes") long memLimitBytes,
        @JsonProperty("mem_percent") double memPercent,
        @JsonProperty("net_rx_bytes") long netRxBytes,
        @JsonProperty("net_tx_bytes") long netTxBytes,
        @JsonProperty("block_read_bytes") long blockReadBytes,
        @JsonProperty("block_write_bytes") long blockWriteBytes,
        long pids,
        @JsonProperty("restart_count") int restartCount,
        @JsonProperty("uptime_seconds") long uptimeSeconds,
        @JsonProperty("compose_project") String composeProject,
        boolean stale) {

    static ContainerRow of(ContainerView v, Instant now) {
        ContainerStats s = v.stats();
        var d = v.details();
        return new ContainerRow(v.engine(), d.id(), d.name(), d.image(), d.state().label(), d.health().label(),
                s == null ? 0 : round2(s.cpuPercent()), s == null ? 0 : s.memUsageBytes(),
                s == null ? 0 : s.memLimitBytes(), s == null ? 0 : round2(s.memPercent()),
                s == null ? 0 : s.netRxBytes(), s == null ? 0 : s.netTxBytes(),
                s == null ? 0 : s.blockReadBytes(), s == null ? 0 : s.blockWriteBytes(), s == null ? 0 : s.pids(),
                d.restartCount(), d.uptime(now).toSeconds(), d.composeProject(), v.stale());
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
