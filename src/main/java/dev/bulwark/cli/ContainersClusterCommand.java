package dev.bulwark.cli;

import dev.bulwark.docker.model.ClusterTotals;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.docker.stats.Units;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark containers cluster}: totals across engines, by engine and by Compose project. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Totals across engines: containers total/running/healthy/unhealthy/stopped, CPU and memory.")
public final class ContainersClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Snapshot snapshot = ContainersCommand.take(engineOptions, true, Clock.systemUTC());
        int exit = ContainersCommand.reportEngines(spec.commandLine().getErr(), snapshot);
        ClusterTotals t = snapshot.totals();
        if (json) {
            out.println(ContainersCommand.Json.MAPPER.writeValueAsString(Map.of(
                    "engines", snapshot.engines().stream().map(e -> Map.of("engine", e.engine(),
                            "state", e.describe(snapshot.at()))).toList(),
                    "totals", t)));
        } else {
            String fmt = "%-24s %6s %8s %7s %8s %10s %8s %10s %12s%n";
            out.printf(fmt, "GROUP", "TOTAL", "RUNNING", "PAUSED", "STOPPED", "HEALTHY", "UNHEALTHY", "CPU %", "MEM");
            row(out, fmt, "all", t.all());
            t.byEngine().forEach((k, v) -> row(out, fmt, "engine " + k, v));
            t.byProject().forEach((k, v) -> row(out, fmt, "project " + k, v));
        }
        out.flush();
        return exit;
    }

    private static void row(PrintWriter out, String fmt, String name, Totals t) {
        out.printf(fmt, name, t.total(), t.running(), t.paused(), t.stopped(), t.healthy(), t.unhealthy(),
                Units.percent(t.cpuPercent()), Units.binary(t.memUsageBytes()));
    }
}
