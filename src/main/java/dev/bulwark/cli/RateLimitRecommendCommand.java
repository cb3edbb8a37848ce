package dev.bulwark.cli;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.recommend.BucketRate;
import dev.bulwark.ratelimit.recommend.ExportFormat;
import dev.bulwark.ratelimit.recommend.KeyBy;
import dev.bulwark.ratelimit.recommend.LimitExports;
import dev.bulwark.ratelimit.recommend.LimitRecommender;
import dev.bulwark.ratelimit.recommend.LogFilter;
import dev.bulwark.ratelimit.recommend.Recommendation;
import dev.bulwark.ratelimit.recommend.RecommendOptions;
import dev.bulwark.ratelimit.recommend.RecommendReport;
import dev.bulwark.ratelimit.recommend.ReportWriter;
import dev.bulwark.util.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark ratelimit recommend LOG}: the smallest limits per strategy that keep a target share of keys unthrottled. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Recommends limits from an access log (common or combined, plain or gzip).",
                "One pass profiles each key's requests per window and its bucket needs;",
                "the smallest limit per strategy that leaves --target %% of the keys never",
                "throttled is then proved by replaying the log through each limiter, and",
                "through one unit less."},
        footer = {"", "Requests keep their logged second: the same second is the same instant.",
                "Lines up to --reorder seconds out of order are placed exactly; later ones are",
                "counted and reported. Unreadable lines are reported on stderr (first line number",
                "and count per kind) and skipped.",
                "", "Exit codes: 0 done; 1 the log cannot be read; 2 bad options; 3 no usable request",
                "in the log; 4 a replay disagreed with the target (a bug: please report it)."})
final class RateLimitRecommendCommand implements Callable<Integer> {
    static final int EXIT_UNREADABLE = 1;
    static final int EXIT_NO_REQUESTS = 3;
    static final int EXIT_NOT_VERIFIED = 4;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "LOG", description = "access log, plain or gzip")
    Path log;

    @Option(names = "--key", defaultValue = "ip", description = "ip, user or ip+path (default: ${DEFAULT-VALUE})")
    String key;

    @Option(names = "--path-depth", defaultValue = "1", paramLabel = "N",
            description = "path segments in an ip+path key (default: ${DEFAULT-VALUE}: /api)")
    int pathDepth;

    @Option(names = "--target", defaultValue = "99", paramLabel = "PERCENT",
            description = "share of keys never throttled (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--strategies", split = ",", paramLabel = "S",
            description = "sliding-log, sliding-window, fixed-window, token-bucket, gcra (default: all five)")
    List<String> strategies;

    @Option(names = "--window", split = ",", defaultValue = "1m", paramLabel = "W",
            description = "windows for the window strategies, e.g. 1s,1m (default: ${DEFAULT-VALUE})")
    List<String> windows;

    @Option(names = "--rates", split = ",", paramLabel = "R",
            description = "bucket rates for the frontier, e.g. 5/s,100/min (default: 1/h to 1000/s in 1-2-3-5 steps)")
    List<String> rates;

    @Option(names = "--reorder", defaultValue = "60s", paramLabel = "W",
            description = "how far out of order lines may be (default: ${DEFAULT-VALUE})")
    String reorder;

    @Option(names = "--include-path", paramLabel = "PREFIX", description = "only paths starting with PREFIX (repeatable)")
    List<String> includePaths = new ArrayList<>();

    @Option(names = "--exclude-path", paramLabel = "PREFIX", description = "leave out paths starting with PREFIX, e.g. /static (repeatable)")
    List<String> excludePaths = new ArrayList<>();

    @Option(names = "--include-status", paramLabel = "S", description = "only these statuses: 200, 2xx, 500-599 (comma-separated)")
    List<String> includeStatus = new ArrayList<>();

    @Option(names = "--exclude-status", paramLabel = "S", description = "leave out these statuses")
    List<String> excludeStatus = new ArrayList<>();

    @Option(names = "--include-agent", paramLabel = "REGEX", description = "only user agents matching REGEX")
    String includeAgent;

    @Option(names = "--exclude-agent", paramLabel = "REGEX", description = "leave out user agents matching REGEX, e.g. '(?i)bot'")
    String excludeAgent;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "top and throttled keys listed (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--export", paramLabel = "FORMAT", description = "also export the chosen limit: envoy, nginx, bucket4j or scenario")
    String export;

    @Option(names = "--export-strategy", paramLabel = "S", description = "the strategy exported (default: the first of --strategies)")
    String exportStrategy;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the export to FILE (atomically); without it the export replaces the report on stdout")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecommendOptions o;
        ExportFormat exportFormat;
        Algorithm exported;
        boolean json;
        try {
            json = switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> true;
                case "table" -> false;
                default -> throw new IllegalArgumentException("--format must be table or json, was '" + format + "'");
            };
            o = options();
            exportFormat = export == null ? null : ExportFormat.fromId(export);
            exported = exportStrategy == null ? o.strategies().getFirst() : Algorithm.fromId(exportStrategy);
            if (!o.strategies().contains(exported)) {
                throw new IllegalArgumentException("--export-strategy " + exported.id() + " is not among --strategies");
            }
            if (output != null && exportFormat == null) {
                throw new IllegalArgumentException("--output needs --export");
            }
        } catch (IllegalArgumentException e) {
            err.println("bulwark ratelimit recommend: " + e.getMessage());
            return Cli.EXIT_USAGE;
        }
        StopOnShutdown stop = StopOnShutdown.forCurrentThread();
        RecommendReport r;
        try {
            r = new LimitRecommender(TimeSource.system()).run(log, o, progress(err));
        } catch (LimitRecommender.NoRequestsException e) {
            e.scan().problems().forEach(p -> err.println("warning: " + p));
            err.println("bulwark ratelimit recommend: " + e.getMessage());
            return EXIT_NO_REQUESTS;
        } catch (IllegalArgumentException e) {
            err.println("bulwark ratelimit recommend: " + e.getMessage());
            return Cli.EXIT_USAGE;
        } catch (NoSuchFileException e) {
            err.println("bulwark ratelimit recommend: " + log + ": no such file");
            return EXIT_UNREADABLE;
        } catch (AccessDeniedException e) {
            err.println("bulwark ratelimit recommend: " + log + ": permission denied");
            return EXIT_UNREADABLE;
        } catch (IOException e) {
            LoggerFactory.getLogger(RateLimitRecommendCommand.class).warn("cannot read {}", log, e);
            err.println("bulwark ratelimit recommend: " + log + ": cannot read: " + e.getMessage());
            return EXIT_UNREADABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bulwark ratelimit recommend: stopped");
            return Cli.EXIT_USAGE;
        } finally {
            stop.close();
        }
        r.scan().problems().forEach(p -> err.println("warning: " + p));
        String exportText = null;
        if (exportFormat != null) {
            Recommendation rec = r.recommendations().stream().filter(x -> x.strategy() == exported)
                    .findFirst().orElseThrow();
            exportText = LimitExports.render(exportFormat, r, rec);
            if (output != null) {
                try {
                    AtomicFiles.writeString(output, exportText);
                } catch (IOException e) {
                    err.println("bulwark ratelimit recommend: --output " + output + ": cannot write: " + e.getMessage());
                    return EXIT_UNREADABLE;
                }
                err.println(exportFormat.id() + " export of " + LimitExports.describe(rec) + " written to " + output);
            }
        }
        out.print(exportText != null && output == null ? exportText : json ? ReportWriter.json(r) : ReportWriter.table(r));
        out.flush();
        err.printf(Locale.ROOT, "profiled %,d lines in %.2f s (%,.0f lines/s), replayed in %.2f s%n", r.scan().lines(),
                r.profileNanos() / 1e9, r.scan().lines() / Math.max(1e-9, r.profileNanos() / 1e9), r.replayNanos() / 1e9);
        if (!r.allTight()) {
            err.println("bulwark ratelimit recommend: a replay disagreed with the target (see the table): please report it");
            return EXIT_NOT_VERIFIED;
        }
        return 0;
    }

    private RecommendOptions options() {
        List<Algorithm> algos = strategies == null ? RecommendOptions.DEFAULT_STRATEGIES
                : strategies.stream().map(Algorithm::fromId).distinct().toList();
        List<Long> ws = windows.stream().map(RecommendOptions::parseWindow).distinct().toList();
        List<BucketRate> rs = rates == null ? BucketRate.defaultGrid() : rates.stream().map(BucketRate::parse).toList();
        BigDecimal t;
        try {
            t = new BigDecimal(target.trim().replace("%", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target must be a percentage like 99 or 99.9, was '" + target + "'", e);
        }
        long re = RecommendOptions.parseWindow(reorder);
        if (re > 3600) {
            throw new IllegalArgumentException("--reorder must be at most 1h, was " + reorder);
        }
        LogFilter filter = new LogFilter(includePaths, excludePaths, LogFilter.statuses(includeStatus),
                LogFilter.statuses(excludeStatus), LogFilter.agentPattern(includeAgent, "--include-agent"),
                LogFilter.agentPattern(excludeAgent, "--exclude-agent"));
        return new RecommendOptions(KeyBy.fromId(key), pathDepth, filter, (int) re, t, algos, ws, rs, top, 60);
    }

    /** A progress line every few seconds on stderr for long logs. */
    private static LimitRecommender.Listener progress(PrintWriter err) {
        TimeSource clock = TimeSource.system();
        long[] next = {clock.nanos() + TimeUnit.SECONDS.toNanos(3)};
        return (phase, fraction) -> {
            long now = clock.nanos();
            if (now >= next[0]) {
                next[0] = now + TimeUnit.SECONDS.toNanos(3);
                err.printf(Locale.ROOT, "%s: %.0f %%%n", phase == LimitRecommender.Phase.PROFILE ? "profiling"
                        : "replaying", fraction * 100);
                err.flush();
            }
        };
    }
}
