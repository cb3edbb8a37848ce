package dev.bulwark.testsupport;

import dev.bulwark.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the real command tree in this JVM, with its exit code, stdout and stderr. */
public record CliRun(int code, String out, String err) {

    /** Runs {@code bulwark args...}. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
