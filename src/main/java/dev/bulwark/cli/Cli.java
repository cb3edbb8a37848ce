package dev.bulwark.cli;

import dev.bulwark.util.Errors;
import dev.bulwark.util.LogMarkers;
import dev.bulwark.util.StartupTrace;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Builds the picocli command tree and runs it. Each feature registers its subcommand here; the
 * exit code follows the convention in {@link BulwarkCommand}: 0 ok, 1 policy failure, 2 usage/fatal.
 */
public final class Cli {
    /** Exit code for usage errors and fatal errors. */
    public static final int EXIT_USAGE = 2;

    /**
     * The feature commands' names, in the order {@code bulwark --help} lists them; {@link #command} makes each.
     * Each feature registers its command in both places. Picocli builds a command's model (its options, mixins and
     * subcommands, by reflection) when the command is added, so a run adds only those it needs ({@link #commandsFor}).
     */
    static final List<String> COMMANDS = List.of("scan", "db", "ratelimit", "containers", "gateway");

    private Cli() {
    }

    /** The complete command line, every command registered; {@code out}/{@code err} let tests capture output. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return wire(COMMANDS, out, err);
    }

    /**
     * The command line that runs {@code args}: only the commands it needs are registered (see
     * {@link #commandsFor}), which spares every start the models of the commands it does not run.
     */
    public static CommandLine create(PrintWriter out, PrintWriter err, String... args) {
        return wire(commandsFor(args), out, err);
    }

    /** Runs {@code args} as {@code bulwark} does, printing to {@code out}/{@code err}; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = create(out, err, args);
        StartupTrace.mark("command line built");
        return cl.execute(args);
    }

    /**
     * The commands {@code args} needs: the one it names first ({@code bulwark scan ...}; the root has no options
     * that take a value, so a command name can only come first), none for {@code --version} alone, and all of
     * them otherwise: {@code --help} lists them and an unknown command is answered with suggestions among them.
     */
    static List<String> commandsFor(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return List.of();
        }
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            return List.of(args[0]);
        }
        return COMMANDS;
    }

    /** A new instance of the command named {@code name} (its class is loaded only here). */
    private static Object command(String name) {
        return switch (name) {
            case "scan" -> new ScanCommand();
            case "db" -> new DbCommand();
            case "ratelimit" -> new RateLimitCommand();
            case "containers" -> new ContainersCommand();
            case "gateway" -> new GatewayCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    private static CommandLine wire(List<String> commands, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new BulwarkCommand());
        for (String name : commands) {
            // Registered under the name in its @Command annotation, which CliTest checks is this one.
            cl.addSubcommand(command(name));
        }
        cl.setOut(out);
        cl.setErr(err);
        // A failed command: one line on stderr naming the user's file and the reason; the trace goes to the log
        // file only (the console log would otherwise repeat the error with its stack trace).
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("bulwark: " + Errors.describe(ex));
            LoggerFactory.getLogger(Cli.class).error(LogMarkers.FILE_ONLY, "bulwark {} failed",
                    commandLine.getCommandName(), ex);
            return EXIT_USAGE;
        });
        cl.setExitCodeExceptionMapper(t -> EXIT_USAGE);
        // Usage errors (unknown command or option, bad value): the message, suggestions, then the usage of
        // the command concerned, all on stderr; exit 2.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter e = cmd.getErr();
            e.println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            cmd.usage(e);
            return EXIT_USAGE;
        });
        return cl;
    }

    /** Runs {@code args} against stdout/stderr and returns the exit code. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return execute(out, err, args);
    }
}
