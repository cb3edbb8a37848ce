package dev.bulwark.cli;

import dev.bulwark.ratelimit.LimiterBackend;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.bench.QuickBench;
import dev.bulwark.ratelimit.memory.InMemoryBackend;
import dev.bulwark.ratelimit.redis.FailMode;
import dev.bulwark.ratelimit.redis.RedisStore;
import dev.bulwark.ratelimit.redis.RedisStoreException;
import dev.bulwark.ratelimit.redis.RedisStores;
import dev.bulwark.ratelimit.sim.DecisionLogWriter;
import dev.bulwark.ratelimit.sim.ResultWriter;
import dev.bulwark.ratelimit.sim.Scenario;
import dev.bulwark.ratelimit.sim.ScenarioException;
import dev.bulwark.ratelimit.sim.ScenarioLoader;
import dev.bulwark.ratelimit.sim.SimulationListener;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.ratelimit.sim.SimulationStoppedException;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.util.AtomicFiles;
import dev.bulwark.util.RedisUris;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark ratelimit simulate|bench}: the rate-limiter lab, headless. */
@Command(name = "ratelimit", mixinStandardHelpOptions = true,
        description = "Rate-limiter lab: compare strategies on simulated traffic; measure throughput.",
        subcommands = {RateLimitCommand.Simulate.class, RateLimitCommand.Bench.class, RateLimitRecommendCommand.class})
public final class RateLimitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: simulate, recommend or bench");
    }

    /** Runs a scenario file and prints per-strategy totals. */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = {"Runs SCENARIO (YAML or JSON) against every limiter it lists and prints per-strategy totals:",
                    "strategy, offered, allowed, rejected, max_in_window, jain, p50_us, p99_us (and more)."},
            footer = {"", "Virtual time (default) is deterministic for the scenario's seed. --redis implies --real-time,",
                    "because Redis keeps the time. Warnings (skipped limiters, bad log lines) go to stderr.",
                    "A run longer than a few seconds reports its progress on stderr; Ctrl-C stops it and prints the",
                    "totals reached. Scenarios are limited (duration 7 days, 50,000 clients, 1,000,000 requests/s",
                    "per client, 10^9 requests, 10 limiters; see the scenario format); series of runs over 3,600 s",
                    "keep at most 3,600 points per limiter, each covering 2, 4, 8, ... seconds (column 'seconds').",
                    "", "Exit codes: 0 done, 2 bad scenario or options, stopped, a Redis store that refused the credentials",
                    "(or a cluster node given as redis://), or a Redis store that made no decision."})
    static final class Simulate implements Callable<Integer> {
        private static final Duration CONNECT_WAIT = Duration.ofSeconds(10);

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SCENARIO", description = "scenario file (.yaml, .yml or .json)")
        Path scenario;

        @Option(names = "--format", defaultValue = "json", description = "json or csv (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--series", paramLabel = "FILE", description = "also write the per-second series to FILE")
        Path series;

        @Option(names = "--client-series", paramLabel = "FILE", description = {"also write the per-client"
                + " breakdown of each second to FILE: limiter, second, client, rank, offered, allowed, rejected",
                "(the busiest clients of the second, rank 1 first, plus an '(other clients)' row with rank 0)"})
        Path clientSeries;

        @Option(names = "--top-clients", paramLabel = "N", defaultValue = "10",
                description = "busiest clients broken out per second and limiter (default: ${DEFAULT-VALUE})")
        int topClients;

        @Option(names = "--redis", paramLabel = "URI", description = {"use the Redis store at URI: redis://[user:password@]"
                + "host:port[/db], rediss://... (TLS), redis-socket:///path, or a Redis Cluster as",
                "redis-cluster://[user:password@]host:port[,host:port...] (seed nodes)"})
        String redis;

        @Option(names = "--key-prefix", paramLabel = "P", description = {"with --redis: start every key with P, so"
                + " processes given the same URI and prefix share their limits (as services behind a load balancer"
                + " do); printable ASCII without spaces or braces, e.g. shop:api:",
                "(default: a random prefix per run, bulwark:sim:<uuid>:, so the run shares nothing)"})
        String keyPrefix;

        @Option(names = "--real-time", description = "pace requests on the wall clock (live latency)")
        boolean realTime;

        @Option(names = "--fail-open", description = "with --redis: allow requests while Redis is unreachable")
        boolean failOpen;

        @Option(names = "--decision-log", paramLabel = "FILE", description = {"also write every decision to FILE"
                + " (CSV): issued_epoch_us, answered_epoch_us, limiter, client, key, cost, allowed, remaining, reason",
                "(wall-clock times, so the logs of processes sharing a --key-prefix line up)"})
        Path decisionLog;

        @Option(names = "--live", description = "print each second's figures to stderr as the run goes")
        boolean live;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ResultWriter.Format fmt;
            try {
                fmt = ResultWriter.Format.valueOf(format.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("bulwark ratelimit simulate: --format must be json or csv, was '" + format + "'");
                return Cli.EXIT_USAGE;
            }
            ScenarioLoader.Loaded loaded;
            try {
                loaded = new ScenarioLoader().load(scenario);
            } catch (ScenarioException e) {
                e.problems().forEach(p -> err.println("error: " + p));
                return Cli.EXIT_USAGE;
            }
            if (topClients < 0) {
                err.println("bulwark ratelimit simulate: --top-clients must be 0 or more, was " + topClients);
                return Cli.EXIT_USAGE;
            }
            loaded.warnings().forEach(w -> err.println("warning: " + w));
            SimulationMode mode = realTime || redis != null ? SimulationMode.REAL_TIME : SimulationMode.VIRTUAL;
            RedisStore store = null;
            StopOnShutdown stop = StopOnShutdown.forCurrentThread();
            try (Simulator sim = new Simulator(TimeSource.system(), topClients)) {
                LimiterBackend backend = new InMemoryBackend(1_000_000);
                if (keyPrefix != null && redis == null) {
                    err.println("bulwark ratelimit simulate: --key-prefix needs --redis");
                    return Cli.EXIT_USAGE;
                }
                if (redis != null) {
                    if (keyPrefix != null) {
                        try {
                            RedisStores.checkKeyPrefix(keyPrefix);
                        } catch (IllegalArgumentException e) {
                            err.println("bulwark ratelimit simulate: --key-prefix: " + e.getMessage());
                            return Cli.EXIT_USAGE;
                        }
                    }
                    try {
                        store = RedisStores.open(redis, keyPrefix, failOpen ? FailMode.OPEN : FailMode.CLOSED, null,
                                TimeSource.system());
                    } catch (IllegalArgumentException e) {
                        err.println("bulwark ratelimit simulate: --redis: " + e.getMessage());
                        return Cli.EXIT_USAGE;
                    }
                    // connect before the run: a wrong password is reported at once, not after a run of rejections
                    RedisStoreException problem = store.connectWithin(CONNECT_WAIT).orElse(null);
                    if (problem != null && problem.permanent()) {
                        err.println("bulwark ratelimit simulate: --redis: " + problem.getMessage());
                        return Cli.EXIT_USAGE;
                    }
                    if (problem != null) {
                        err.println("warning: " + problem.getMessage() + "; decisions fail "
                                + (failOpen ? "open" : "closed") + " until it answers");
                    }
                    backend = store;
                }
                SimulationResult r;
                if (decisionLog == null) {
                    r = run(sim, loaded.scenario(), mode, backend, err, null);
                } else {
                    SimulationResult[] logged = new SimulationResult[1];
                    LimiterBackend b = backend;
                    AtomicFiles.write(decisionLog, os -> {
                        try (DecisionLogWriter w = new DecisionLogWriter(os, Clock.systemUTC())) {
                            logged[0] = run(sim, loaded.scenario(), mode, b, err, w);
                        }
                    });
                    r = logged[0];
                }
                r.warnings().forEach(w -> err.println("warning: " + w));
                if (store != null && r.storeAnsweredNone()) {
                    err.printf(Locale.ROOT, "bulwark ratelimit simulate: the Redis store at %s made none of the %,d"
                            + " decisions (every one %s by --fail-%s): %s%n", store.where(), r.decisions(),
                            failOpen ? "allowed" : "rejected", failOpen ? "open" : "closed", store.lastError());
                    return Cli.EXIT_USAGE;
                }
                ResultWriter w = new ResultWriter();
                out.print(w.totals(r, fmt));
                out.flush();
                if (series != null) {
                    AtomicFiles.writeString(series, w.series(r, fmt));
                }
                if (clientSeries != null) {
                    AtomicFiles.writeString(clientSeries, w.clientSeries(r, fmt));
                }
                err.printf(Locale.ROOT, "%s: %d s %s on %s, %,d decisions, %,.0f decisions/s%s%n", r.scenario(),
                        r.seconds(), mode.name().toLowerCase(Locale.ROOT).replace('_', '-'), r.backend(),
                        r.decisions(), r.decisionsPerSecond(), mode == SimulationMode.REAL_TIME ? String.format(
                                Locale.ROOT, ", at most %.1f ms behind schedule", r.maxLagNanos() / 1e6) : "");
                if (store != null && store.errorCount() > 0) {
                    err.println("warning: " + store.errorCount() + " Redis errors; affected decisions are marked"
                            + " STORE_UNAVAILABLE and were " + (failOpen ? "allowed" : "rejected"));
                }
                if (r.stopped()) {
                    err.printf(Locale.ROOT, "stopped after %d of %d s: the totals cover those seconds (the last one"
                            + " partly)%n", r.seconds(), loaded.scenario().seconds());
                    return Cli.EXIT_USAGE;
                }
                return 0;
            } finally {
                if (store != null) {
                    store.close();
                }
                stop.close();  // the output is written: a Ctrl-C under way may end the JVM now
            }
        }

        /** Runs the scenario with progress on stderr; a stop (Ctrl-C) yields the figures reached. */
        private SimulationResult run(Simulator sim, Scenario scenario, SimulationMode mode, LimiterBackend backend,
                                     PrintWriter err, DecisionLogWriter log) throws IOException {
            SimulationListener perSecond = !live ? SimulationListener.none() : sample -> err.printf(Locale.ROOT,
                    "second %4d  %-16s offered %7d  allowed %7d  rejected %7d  max_in_window %5d%n",
                    sample.second(), sample.limiter(), sample.offered(), sample.allowed(), sample.rejected(),
                    sample.maxInWindow());
            SimulationListener progress = new SimulationProgress(err, scenario.durationNanos(), perSecond,
                    TimeSource.system());
            try {
                return sim.run(scenario, mode, backend, log == null ? progress : log.around(progress));
            } catch (SimulationStoppedException e) {
                // clear the stop's interrupt so the totals and series can still be written
                boolean interrupted = Thread.interrupted();
                LoggerFactory.getLogger(RateLimitCommand.class).info("simulation stopped (interrupt: {})",
                        interrupted, e);
                return e.partial();
            }
        }
    }

    /** Quick in-process figures; the JMH comparison with Bucket4j runs from the build. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Measures this build's limiter throughput in-process (simple timed loops, not JMH): "
                    + "the in-memory token bucket (one hot key, 10,000 keys, 2 threads on one key, and the same with a "
                    + "token of 3.3 ns) against Bucket4j in the same process (medians of --samples, and their ratio), "
                    + "the virtual-time simulator, and with --redis the Redis store with async pipelining.",
                    "The JMH comparison with Bucket4j (ratios, over-grants) runs from the source tree:",
                    "  ./mvnw -Pbench verify -Dtest='RateLimit*Bench*'"})
    static final class Bench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "1", description = "seconds per sample (default: ${DEFAULT-VALUE})")
        double seconds;

        @Option(names = "--samples", defaultValue = "5", description = {"samples of ours and of Bucket4j per"
                + " in-memory case, alternating, after a warm-up round; lines give the medians and their ratio",
                "(default: ${DEFAULT-VALUE})"})
        int samples;

        @Option(names = "--redis", paramLabel = "URI", description = "also measure the Redis store at URI")
        String redis;

        @Override
        public Integer call() {
            if (!(seconds > 0) || seconds > 60) {
                spec.commandLine().getErr().println("bulwark ratelimit bench: --seconds must be in (0, 60]");
                return Cli.EXIT_USAGE;
            }
            if (samples < 1 || samples > 101) {
                spec.commandLine().getErr().println("bulwark ratelimit bench: --samples must be 1 to 101, was "
                        + samples);
                return Cli.EXIT_USAGE;
            }
            if (redis != null) {
                try {
                    RedisUris.check(redis);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("bulwark ratelimit bench: --redis: " + e.getMessage());
                    return Cli.EXIT_USAGE;
                }
            }
            try {
                new QuickBench((long) (seconds * 1e9), samples, TimeSource.system()).run(redis,
                        spec.commandLine().getOut());
            } catch (RedisStoreException e) {
                spec.commandLine().getErr().println("bulwark ratelimit bench: --redis: " + e.getMessage());
                return Cli.EXIT_USAGE;
            }
            return 0;
        }
    }
}
