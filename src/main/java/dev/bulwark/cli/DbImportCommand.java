package dev.bulwark.cli;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.osv.EcosystemManifest;
import dev.bulwark.scan.osv.ImportResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark db import FILE.zip...}: imports OSV dumps; each ecosystem is swapped in whole or not at all. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import OSV.dev-style dumps (<Ecosystem>/all.zip), single OSV .json records or folders of them.",
                "The ecosystem comes from the records. All dumps of one call are merged per ecosystem and replace it "
                        + "atomically; a refused dump leaves the previous data in use.",
                "Exit codes: 0 all imported, 2 a dump was refused or unreadable (the others were still imported)."})
public final class DbImportCommand implements Callable<Integer> {
    private static final int MAX_LISTED = 20;

    @Spec
    CommandSpec spec;
    @Mixin
    DbOptions db;
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Dump zips, .json records or folders.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "No such file: " + f);
            }
        }
        AdvisoryDatabase database = db.open(Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        ImportResult r = database.importDumps(files);
        long ms = (System.nanoTime() - start) / 1_000_000;
        for (EcosystemManifest m : r.imported()) {
            out.printf("Imported %-10s %6d records, %5d packages (%d withdrawn skipped, %d malformed skipped)%n",
                    m.ecosystem(), m.records(), m.packages(), m.withdrawn(), m.malformed());
        }
        r.refused().forEach(line -> err.println("bulwark: " + line));
        if (!r.malformed().isEmpty()) {
            err.println("bulwark: " + r.malformed().size() + " malformed record(s) skipped:");
            r.malformed().stream().limit(MAX_LISTED).forEach(m -> err.println("  " + m));
            if (r.malformed().size() > MAX_LISTED) {
                err.println("  ... and " + (r.malformed().size() - MAX_LISTED) + " more");
            }
        }
        out.printf("Database %s updated in %d ms.%n", database.dir(), ms);
        out.flush();
        return r.complete() ? 0 : Cli.EXIT_USAGE;
    }
}
