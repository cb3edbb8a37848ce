package dev.bulwark.docker.history;

import java.time.Instant;

/**
 * One sample for sparklines and charts.
 *
 * @param at            sample time
 * @param cpuPercent    CPU % (100 = one core)
 * @param memUsageBytes memory usage
 * @param netRxRate     received bytes/s
 * @param netTxRate     sent bytes/s
 */
public record HistoryPoint(Instant at, double cpuPercent, long memUsageBytes, double netRxRate, double netTxRate) {
}
