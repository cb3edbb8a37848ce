package dev.bulwark.docker.stats;

import java.time.Instant;

/**
 * Figures for one container at one instant, computed exactly as {@code docker stats} does.
 *
 * @param at             engine sample time
 * @param cpuPercent     Δcontainer CPU / Δsystem CPU × online CPUs × 100; may exceed 100
 * @param memUsageBytes  usage minus inactive file cache
 * @param memLimitBytes  limit (host memory when unlimited)
 * @param memPercent     usage / limit × 100
 * @param netRxBytes     received bytes, all interfaces
 * @param netTxBytes     sent bytes, all interfaces
 * @param netRxRate      received bytes per second since the previous sample (0 on the first)
 * @param netTxRate      sent bytes per second since the previous sample (0 on the first)
 * @param blockReadBytes bytes read from block devices
 * @param blockWriteBytes bytes written to block devices
 * @param pids           number of processes/threads
 */
public record ContainerStats(
        Instant at, double cpuPercent, long memUsageBytes, long memLimitBytes, double memPercent, long netRxBytes,
        long netTxBytes, double netRxRate, double netTxRate, long blockReadBytes, long blockWriteBytes, long pids) {
}
