package dev.bulwark.cli;

import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.stats.ContainerStats;
import dev.bulwark.docker.stats.Units;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Plain-text table of containers, columns like {@code docker stats} plus state, health and uptime. The ENGINE
 * column shows {@link EngineLabels}, as wide as they need.
 */
final class ContainerTable {
    /** Column widths after ENGINE's; negative means left-aligned. */
    private static final int[] WIDTHS = {-12, -24, -10, -9, 8, 22, 7, 18, 18, 5, 4, 8};

    private ContainerTable() {
    }

    /**
     * @param engines every engine of the snapshot (so the labels tell all of them apart, shown or not)
     */
    static void print(PrintWriter out, List<ContainerView> views, List<String> engines, Instant now) {
        Map<String, String> labels = EngineLabels.of(engines);
        int engineWidth = Math.max("ENGINE".length(),
                labels.values().stream().mapToInt(String::length).max().orElse(0));
        row(out, engineWidth, "ENGINE", "ID", "NAME", "STATE", "HEALTH", "CPU %", "MEM USAGE / LIMIT", "MEM %",
                "NET I/O", "BLOCK I/O", "PIDS", "RST", "UPTIME");
        for (ContainerView v : views) {
            var d = v.details();
            ContainerStats s = v.stats();
            String state = v.stale() ? d.state().label() + "?" : d.state().label();
            String engine = labels.getOrDefault(v.engine(), EngineLabels.address(v.engine()));
            row(out, engineWidth, engine, d.shortId(), cut(d.name(), 24), state, d.health().label(),
                    s == null ? "--" : Units.percent(s.cpuPercent()),
                    s == null ? "--" : Units.binary(s.memUsageBytes()) + " / " + Units.binary(s.memLimitBytes()),
                    s == null ? "--" : Units.percent(s.memPercent()),
                    s == null ? "--" : Units.decimal(s.netRxBytes()) + " / " + Units.decimal(s.netTxBytes()),
                    s == null ? "--" : Units.decimal(s.blockReadBytes()) + " / " + Units.decimal(s.blockWriteBytes()),
                    s == null ? "--" : Long.toString(s.pids()), Integer.toString(d.restartCount()),
                    d.state().hasProcesses() ? Units.duration(d.uptime(now)) : "--");
        }
        out.flush();
    }

    /** One padded line, as {@code %-10s %8s ...} would print it, without a Formatter (this runs every second). */
    private static void row(PrintWriter out, int engineWidth, String... cells) {
        StringBuilder b = new StringBuilder(180);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            int width = i == 0 ? -engineWidth : WIDTHS[i - 1];
            int w = Math.abs(width);
            int pad = Math.max(0, w - cells[i].length());
            if (width > 0) {
                b.repeat(' ', pad).append(cells[i]);
            } else {
                b.append(cells[i]).repeat(' ', pad);
            }
        }
        out.println(b);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
