package dev.bulwark.docker.stats;

import java.time.Duration;

/**
 * The Docker CLI's formulas ({@code cli/command/container/stats_helpers.go}), pure and stateless.
 */
public final class StatsCalculator {

    private StatsCalculator() {
    }

    /**
     * Figures for {@code current}; {@code previous} (may be null) only feeds the network rates, since CPU
     * uses the engine's own {@code precpu_stats} exactly like the CLI.
     */
    public static ContainerStats compute(RawStats current, RawStats previous) {
        long mem = memoryUsage(current);
        double memPercent = current.memLimit() == 0 ? 0.0 : (double) mem / current.memLimit() * 100.0;
        double rxRate = 0;
        double txRate = 0;
        if (previous != null && previous.read() != null && current.read() != null) {
            double seconds = Duration.between(previous.read(), current.read()).toNanos() / 1e9;
            if (seconds > 0) {
                rxRate = Math.max(0, current.netRx() - previous.netRx()) / seconds;
                txRate = Math.max(0, current.netTx() - previous.netTx()) / seconds;
            }
        }
        return new ContainerStats(current.read(), cpuPercent(current), mem, current.memLimit(), memPercent,
                current.netRx(), current.netTx(), rxRate, txRate, current.blockRead(), current.blockWrite(),
                current.pids());
    }

    /** CPU % = Δcontainer / Δsystem × online CPUs × 100, or 0 when either delta is not positive. */
    public static double cpuPercent(RawStats s) {
        double cpuDelta = (double) s.cpuTotal() - (double) s.preCpuTotal();
        double systemDelta = (double) s.systemCpu() - (double) s.preSystemCpu();
        double online = s.onlineCpus() != 0 ? s.onlineCpus() : s.perCpuCount();
        if (systemDelta > 0.0 && cpuDelta > 0.0) {
            return cpuDelta / systemDelta * online * 100.0;
        }
        return 0.0;
    }

    /**
     * Usage without page cache: minus {@code total_inactive_file} when present (cgroup v1), else minus
     * {@code inactive_file} (cgroup v2); each only when smaller than usage, as the CLI does.
     */
    public static long memoryUsage(RawStats s) {
        Long v1 = s.totalInactiveFile();
        if (v1 != null && v1 < s.memUsage()) {
            return s.memUsage() - v1;
        }
        // Like the CLI, fall through to the v2 key (a missing key reads as 0).
        long v2 = s.inactiveFile() == null ? 0 : s.inactiveFile();
        if (v2 < s.memUsage()) {
            return s.memUsage() - v2;
        }
        return s.memUsage();
    }
}
