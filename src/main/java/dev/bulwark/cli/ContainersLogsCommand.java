package dev.bulwark.cli;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.DockerEngineException;
import dev.bulwark.docker.engine.LogChunk;
import dev.bulwark.docker.engine.LogRequest;
import dev.bulwark.docker.logs.LogFilter;
import dev.bulwark.docker.logs.LogLine;
import dev.bulwark.docker.logs.LogReader;
import dev.bulwark.docker.logs.LogSanitizer;
import dev.bulwark.docker.model.ContainerDetails;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark containers logs NAME}: sanitised logs, stdout to stdout and stderr to stderr. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print a container's logs (ANSI removed, control characters neutralised, long lines cut).")
public final class ContainersLogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engineOptions;

    @Parameters(index = "0", paramLabel = "NAME", description = "Container name or id (first engine that has it).")
    String name;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "100",
            description = "Last N lines (-1 for all). Default: ${DEFAULT-VALUE}.")
    int tail;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Prefix each line with the engine's timestamp.")
    boolean timestamps;

    @Option(names = "--grep", paramLabel = "TEXT", description = "Only lines containing TEXT (case-insensitive).")
    String grep;

    @Option(names = "--stream", paramLabel = "STREAM", split = ",",
            description = "Only these streams: stdout, stderr (default both).")
    List<String> streams = new ArrayList<>();

    @Option(names = "--max-line", paramLabel = "CHARS", defaultValue = "4096",
            description = "Cut lines longer than this. Default: ${DEFAULT-VALUE}.")
    int maxLine;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EnumSet<LogChunk.Source> sources = EnumSet.noneOf(LogChunk.Source.class);
        for (String s : streams) {
            switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "stdout" -> sources.addAll(EnumSet.of(LogChunk.Source.STDOUT, LogChunk.Source.TTY));
                case "stderr" -> sources.add(LogChunk.Source.STDERR);
                default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--stream: unknown stream '" + s + "' (use stdout or stderr)");
            }
        }
        Predicate<LogLine> filter = new LogFilter(grep, false, false, sources).predicate();
        List<DockerEngine> engines = engineOptions.open();
        try {
            DockerEngine engine = null;
            ContainerDetails details = null;
            List<String> misses = new ArrayList<>();
            for (DockerEngine e : engines) {
                try {
                    details = e.inspect(name);
                    engine = e;
                    break;
                } catch (DockerEngineException ex) {
                    misses.add(ex.getMessage());
                }
            }
            if (details == null) {
                err.println("bulwark: no container '" + name + "': " + String.join("; ", misses));
                return Cli.EXIT_USAGE;
            }
            new LogReader(new LogSanitizer(maxLine)).read(engine, details, new LogRequest(tail, follow, true), line -> {
                if (!filter.test(line)) {
                    return;
                }
                PrintWriter w = line.source() == LogChunk.Source.STDERR ? err : out;
                w.println(timestamps && line.timestamp() != null ? line.timestamp() + " " + line.text() : line.text());
                if (follow) {
                    w.flush();
                }
            });
            out.flush();
            err.flush();
            return 0;
        } finally {
            EngineOptions.closeAll(engines);
        }
    }
}
