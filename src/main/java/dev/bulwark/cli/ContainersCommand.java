package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.docker.monitor.Snapshotter;
import dev.bulwark.util.reconnect.ConnectionState;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark containers}: one snapshot of containers across engines, as a table or JSON. */
@Command(name = "containers", mixinStandardHelpOptions = true,
        description = "Show containers with docker-stats figures across one or more engines.",
        subcommands = {ContainersWatchCommand.class, ContainersLogsCommand.class, ContainersClusterCommand.class},
        footer = {"", "Exit codes: 0 ok (unreachable engines are reported on stderr), 2 no engine reachable or bad usage."})
public final class ContainersCommand implements Callable<Integer> {

    /** The JSON writer, built on first use: building the command tree (every start) must not load Jackson. */
    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        private Json() {
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = {"-a", "--all"}, description = "Include stopped containers.")
    boolean all;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        Snapshot snapshot = take(engineOptions, all, clock);
        int exit = reportEngines(spec.commandLine().getErr(), snapshot);
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(snapshot.containers().stream()
                    .map(v -> ContainerRow.of(v, snapshot.at())).toList()));
        } else {
            ContainerTable.print(out, snapshot.containers(), engineNames(snapshot), snapshot.at());
        }
        out.flush();
        return exit;
    }

    static Snapshot take(EngineOptions options, boolean all, Clock clock) {
        List<DockerEngine> engines = options.open();
        try (Snapshotter snapshotter = new Snapshotter(engines, clock)) {
            return snapshotter.take(all);
        } finally {
            EngineOptions.closeAll(engines);
        }
    }

    /** The names of the snapshot's engines. */
    static List<String> engineNames(Snapshot snapshot) {
        return snapshot.engines().stream().map(EngineStatus::engine).toList();
    }

    /** Prints unreachable engines to stderr; 2 when none answered, else 0. */
    static int reportEngines(PrintWriter err, Snapshot snapshot) {
        long down = 0;
        for (EngineStatus s : snapshot.engines()) {
            if (s.kind() != ConnectionState.Kind.CONNECTED) {
                err.println("bulwark: engine " + s.engine() + " " + s.describe(snapshot.at()));
                down++;
            }
        }
        err.flush();
        return down == snapshot.engines().size() ? Cli.EXIT_USAGE : 0;
    }
}
