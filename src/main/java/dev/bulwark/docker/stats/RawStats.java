package dev.bulwark.docker.stats;

import java.time.Instant;

/**
 * The fields of one {@code /containers/{id}/stats} frame that the Docker CLI's figures need.
 * Nullable {@code Long} fields are absent in the frame (e.g. {@code total_inactive_file} on cgroup v2).
 *
 * @param read               when the engine sampled
 * @param cpuTotal           {@code cpu_stats.cpu_usage.total_usage} (ns)
 * @param systemCpu          {@code cpu_stats.system_cpu_usage} (ns)
 * @param onlineCpus         {@code cpu_stats.online_cpus}, 0 when absent
 * @param perCpuCount        length of {@code percpu_usage}, the CLI's fallback for online CPUs
 * @param preCpuTotal        {@code precpu_stats.cpu_usage.total_usage}
 * @param preSystemCpu       {@code precpu_stats.system_cpu_usage}
 * @param memUsage           {@code memory_stats.usage}
 * @param memLimit           {@code memory_stats.limit}
 * @param totalInactiveFile  {@code memory_stats.stats.total_inactive_file} (cgroup v1) or null
 * @param inactiveFile       {@code memory_stats.stats.inactive_file} or null
 * @param netRx              rx bytes summed over interfaces
 * @param netTx              tx bytes summed over interfaces
 * @param blockRead          bytes read, from {@code io_service_bytes_recursive}
 * @param blockWrite         bytes written, from {@code io_service_bytes_recursive}
 * @param pids               {@code pids_stats.current}
 */
public record RawStats(
        Instant read, long cpuTotal, long systemCpu, long onlineCpus, int perCpuCount, long preCpuTotal,
        long preSystemCpu, long memUsage, long memLimit, Long totalInactiveFile, Long inactiveFile, long netRx,
        long netTx, long blockRead, long blockWrite, long pids) {
}
