package dev.bulwark.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real command line in this JVM, its stdout and stderr captured. */
final class CliRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code bulwark args...}; returns the exit code. */
    int run(String... args) {
        return Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** {@code bulwark db import --db DB SOURCE...}, which must succeed; then forgets what it printed. */
    void importInto(Path db, Path... sources) {
        List<String> args = new ArrayList<>(List.of("db", "import", "--db", db.toString()));
        for (Path s : sources) {
            args.add(s.toString());
        }
        int code = run(args.toArray(String[]::new));
        if (code != 0) {
            throw new AssertionError("db import exited " + code + ": " + err());
        }
        clear();
    }

    /** Forgets what was printed so far. */
    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
