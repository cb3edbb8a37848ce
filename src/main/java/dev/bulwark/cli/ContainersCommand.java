package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.docker.monitor.Snapshotter;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.util.AppPaths;
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
        footer = {"", "Exit codes: 0 ok (unreachable engines are reported on stderr), 2 no engine reachable or bad usage.",
                "With --scan: 1 when a container's image has a finding at or above --fail-on, 2 also when no image "
                        + "could be read."})
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

    @Option(names = "--scan", description = "Scan the image of every running container for known vulnerabilities "
            + "(each image id once; one summary row per container; each scan is stored in the scan history the GUI "
            + "shows). Exit 1 when a finding is at or above --fail-on.")
    boolean scan;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "high",
            description = "With --scan: critical|high|medium|low|any|none (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--ignore-file", paramLabel = "FILE", description = "With --scan: ignore file applied to every image.")
    java.nio.file.Path ignoreFile;

    @Mixin
    DbOptions db;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (scan) {
            dev.bulwark.scan.policy.FailOn threshold;
            try {
                threshold = dev.bulwark.scan.policy.FailOn.parse(failOn);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (ignoreFile != null && !java.nio.file.Files.isRegularFile(ignoreFile)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "No such ignore file: " + ignoreFile);
            }
            return new ContainerImageScan(out, spec.commandLine().getErr(),
                    ScanHistory.of(AppPaths.forCurrentUser())).run(engineOptions, db, threshold,
                    ignoreFile, json);
        }
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
