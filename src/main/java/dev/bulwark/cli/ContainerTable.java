package dev.bulwark.cli;

import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.stats.ContainerStats;
import dev.bulwark.docker.stats.Units;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** Plain-text table of containers, columns like {@code docker stats} plus state, health and uptime. */
final class ContainerTable {
    private static final String FORMAT = "%-10s %-12s %-24s %-10s %-9s %8s %22s %7s %18s %18s %5s %4s %8s%n";

    private ContainerTable() {
    }

    static void print(PrintWriter out, List<ContainerView> views, Instant now) {
        out.printf(FORMAT, "ENGINE", "ID", "NAME", "STATE", "HEALTH", "CPU %", "MEM USAGE / LIMIT", "MEM %",
                "NET I/O", "BLOCK I/O", "PIDS", "RST", "UPTIME");
        for (ContainerView v : views) {
            var d = v.details();
            ContainerStats s = v.stats();
            String state = v.stale() ? d.state().label() + "?" : d.state().label();
            out.printf(FORMAT, cut(v.engine(), 10), d.shortId(), cut(d.name(), 24), state, d.health().label(),
                    s == null ? "--" : Units.percent(s.cpuPercent()),
                    s == null ? "--" : Units.binary(s.memUsageBytes()) + " / " + Units.binary(s.memLimitBytes()),
                    s == null ? "--" : Units.percent(s.memPercent()),
                    s == null ? "--" : Units.decimal(s.netRxBytes()) + " / " + Units.decimal(s.netTxBytes()),
                    s == null ? "--" : Units.decimal(s.blockReadBytes()) + " / " + Units.decimal(s.blockWriteBytes()),
                    s == null ? "--" : Long.toString(s.pids()), d.restartCount(),
                    d.state().hasProcesses() ? Units.duration(d.uptime(now)) : "--");
        }
        out.flush();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
