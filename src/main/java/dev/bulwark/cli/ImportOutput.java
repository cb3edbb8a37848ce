package dev.bulwark.cli;

import dev.bulwark.scan.osv.ImportResult;
import dev.bulwark.scan.osv.ImportSummary;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Prints an import's result the way {@code db import} and {@code db update} share: data on stdout, problems on stderr. */
final class ImportOutput {
    private static final int MAX_LISTED = 20;

    private ImportOutput() {
    }

    /**
     * Ecosystem lines on {@code out}; refusals, dropped and malformed records on {@code err}; then the outcome
     * ("updated" only when everything was taken, on stdout; otherwise on stderr).
     *
     * @return the exit code: 0 when every source was taken, {@link Cli#EXIT_USAGE} when something was refused or
     *         nothing was imported
     */
    static int print(ImportResult r, Path dir, long millis, PrintWriter out, PrintWriter err) {
        ImportSummary.ecosystemLines(r).forEach(out::println);
        for (ImportSummary.Problem p : ImportSummary.problems(r)) {
            err.println("bulwark: " + p.headline() + (p.items().isEmpty() ? "" : ":"));
            p.listed(MAX_LISTED).forEach(item -> err.println("  " + item));
        }
        String outcome = ImportSummary.outcome(r, dir, millis);
        boolean ok = r.complete() && !r.nothingImported();
        if (ok) {
            out.println(outcome);
        } else {
            err.println("bulwark: " + outcome);
        }
        out.flush();
        err.flush();
        return ok ? 0 : Cli.EXIT_USAGE;
    }
}
