package dev.bulwark.cli;

import dev.bulwark.util.Errors;
import dev.bulwark.util.LogMarkers;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Builds the picocli command tree and runs it. Each feature registers its subcommand here; the
 * exit code follows the convention in {@link BulwarkCommand}: 0 ok, 1 policy failure, 2 usage/fatal.
 */
public final class Cli {
    /** Exit code for usage errors and fatal errors. */
    public static final int EXIT_USAGE = 2;

    private Cli() {
    }

    /** A fully wired command line; {@code out}/{@code err} let tests capture output. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new BulwarkCommand());
        // Feature subcommands are registered here, e.g. cl.addSubcommand(new ScanCommand());
        cl.addSubcommand(new ScanCommand());
        cl.addSubcommand(new DbCommand());
        cl.addSubcommand(new RateLimitCommand());
        cl.addSubcommand(new ContainersCommand());
        cl.addSubcommand(new GatewayCommand());
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
        return create(out, err).execute(args);
    }
}
