package dev.bulwark.cli;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.osv.EcosystemStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bulwark db status}: per-ecosystem record counts, sources and ages; stale data warned on stderr. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show per-ecosystem record counts, source and age of the local advisory database.",
                "When no import is running, first removes what an interrupted one left behind (scratch files, "
                        + "half-written data)."})
public final class DbStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DbOptions db;

    @Override
    public Integer call() throws Exception {
        AdvisoryDatabase database = db.open(Clock.systemUTC());
        List<EcosystemStatus> status = database.status();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Database: " + database.dir());
        out.printf("%-10s %8s  %-20s %8s  %s%n", "ECOSYSTEM", "RECORDS", "IMPORTED", "AGE", "SOURCE");
        for (EcosystemStatus s : status) {
            if (!s.present()) {
                out.printf("%-10s %8s  %-20s %8s  %s%n", s.ecosystem(), "-", "never", "-", "-");
                continue;
            }
            out.printf("%-10s %8d  %-20s %7dd  %s%n", s.ecosystem(), s.records(),
                    s.importedAt().toString().substring(0, 19).replace('T', ' '), s.ageDays(),
                    String.join(", ", s.sources()));
        }
        out.flush();
        for (EcosystemStatus s : status) {
            if (s.present() && s.stale()) {
                spec.commandLine().getErr().println("bulwark: warning: " + s.ecosystem() + " advisory data is "
                        + s.ageDays() + " days old (limit " + database.maxAge().toDays() + ")");
            }
        }
        if (status.stream().noneMatch(EcosystemStatus::present)) {
            spec.commandLine().getErr().println("bulwark: warning: the database is empty; run 'bulwark db import' "
                    + "or 'bulwark db update'");
        }
        return 0;
    }
}
