package dev.bulwark.cli;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.osv.ImportResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark db import FILE...}: imports OSV dumps; each ecosystem is swapped in whole or not at all. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import OSV.dev-style dumps (<Ecosystem>/all.zip), single OSV .json records or folders of them.",
                "The ecosystem comes from the records. A whole dump (a file named all.zip or <ecosystem>-all.zip) "
                        + "replaces the ecosystems it holds; anything else (a .json record, a folder, another zip) "
                        + "is merged into them: a record replaces the stored one of the same id, a withdrawn record "
                        + "removes it.",
                "A whole dump that would leave an ecosystem with fewer than half of its stored records is refused "
                        + "for that ecosystem (a truncated or wrong dump?) unless --replace is given.",
                "Records naming no package in a supported ecosystem are dropped and listed by id on stderr.",
                "Every ecosystem is swapped in atomically; a refused dump leaves the previous data in use.",
                "Exit codes: 0 all imported, 2 a dump or ecosystem was refused, a dump was unreadable, or nothing "
                        + "was imported (the others were still imported)."})
public final class DbImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DbOptions db;
    @Option(names = "--replace",
            description = "Replace each ecosystem with exactly what this import holds, even from a single record "
                    + "and even when that shrinks it sharply.")
    boolean replace;
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
        long start = System.nanoTime();
        ImportResult r = database.importDumps(files, Map.of(), replace);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return ImportOutput.print(r, database.dir(), ms, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
