package dev.bulwark.cli;

import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.DumpUpdater;
import dev.bulwark.scan.osv.OsvDumpDownloader;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark db update}: downloads per-ecosystem dumps (conditional, resumable) and imports the changed ones. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Download OSV per-ecosystem dumps (<URL>/<Ecosystem>/all.zip) and import those that changed.",
                "Uses conditional GET (ETag/Last-Modified) and resumes an interrupted download.",
                "A downloaded dump replaces its ecosystem, unless it holds fewer than half of the stored records "
                        + "(then that ecosystem is refused, unless --replace is given).",
                "Exit codes: 0 all up to date or imported, 2 a download or import failed."})
public final class DbUpdateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DbOptions db;
    @Option(names = "--url", paramLabel = "URL", description = "Dump base URL (default: ${DEFAULT-VALUE}).",
            defaultValue = "https://osv-vulnerabilities.storage.googleapis.com/")
    URI url;
    @Option(names = "--ecosystem", split = ",", paramLabel = "NAME",
            description = "Ecosystems to update (default: all): PyPI, npm, Go, crates.io, Maven, RubyGems, Packagist.")
    List<String> ecosystems;
    @Option(names = "--replace", description = "Accept a dump even when it holds fewer than half of the stored records.")
    boolean replace;
    @Option(names = "--timeout-seconds", defaultValue = "300", description = "Per-download timeout (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        List<Ecosystem> wanted = ecosystems == null ? Arrays.asList(Ecosystem.values()) : parse(ecosystems);
        AdvisoryDatabase database = db.open(Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DumpUpdater.Result result = database.updater(url, Duration.ofSeconds(timeoutSeconds))
                .update(wanted, replace, new DumpUpdater.Listener() {
                    @Override
                    public Consumer<OsvDumpDownloader.Progress> downloading(int index, int count, Ecosystem eco) {
                        return new Progress(err, eco)::report;
                    }

                    @Override
                    public void downloaded(DumpUpdater.Step step) {
                        OsvDumpDownloader.Outcome o = step.outcome();
                        switch (o.state()) {
                            case DOWNLOADED -> out.println(o.ecosystem() + ": downloaded " + o.message());
                            case NOT_MODIFIED -> out.println(o.ecosystem() + ": up to date");
                            case FAILED -> err.println("bulwark: " + o.ecosystem() + ": " + o.message());
                        }
                    }

                    @Override
                    public void importing(int dumps) {
                        out.flush();
                    }
                });
        out.flush();
        boolean failed = result.anyDownloadFailed();
        if (result.imported() != null) {
            int code = ImportOutput.print(result.imported(), database.dir(), result.importMs(), out, err);
            failed |= code != 0;
        }
        return failed ? Cli.EXIT_USAGE : 0;
    }

    private List<Ecosystem> parse(List<String> names) {
        List<Ecosystem> list = new ArrayList<>();
        for (String n : names) {
            list.add(Ecosystem.fromOsv(n).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "Unknown ecosystem: " + n + " (PyPI, npm, Go, crates.io, Maven, RubyGems, Packagist)")));
        }
        return list;
    }

    /** Prints progress at every tenth of the download (or every 5 MB when the size is unknown). */
    private static final class Progress {
        private final PrintWriter err;
        private final Ecosystem eco;
        private long nextMark;

        Progress(PrintWriter err, Ecosystem eco) {
            this.err = err;
            this.eco = eco;
        }

        void report(OsvDumpDownloader.Progress p) {
            long step = p.total() > 0 ? Math.max(1, p.total() / 10) : 5L << 20;
            if (p.bytes() >= nextMark) {
                nextMark = p.bytes() + step;
                err.printf("%s: %d%s bytes%n", eco, p.bytes(), p.total() > 0 ? " / " + p.total() : "");
                err.flush();
            }
        }
    }
}
