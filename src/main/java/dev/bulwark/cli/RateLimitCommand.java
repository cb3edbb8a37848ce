package dev.bulwark.cli;

import dev.bulwark.ratelimit.LimiterBackend;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.bench.QuickBench;
import dev.bulwark.ratelimit.memory.InMemoryBackend;
import dev.bulwark.ratelimit.redis.FailMode;
import dev.bulwark.ratelimit.redis.RedisStore;
import dev.bulwark.ratelimit.redis.RedisStoreOptions;
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
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
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
                    "", "Exit codes: 0 done, 2 bad scenario or options, stopped, or a Redis store that made no decision."})
    static final class Simulate implements Callable<Integer> {
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

        @Option(names = "--redis", paramLabel = "URI", description = "use the Redis store at URI (redis://127.0.0.1:6379)")
        String redis;

        @Option(names = "--real-time", description = "pace requests on the wall clock (live latency)")
        boolean realTime;

        @Option(names = "--fail-open", description = "with --redis: allow requests while Redis is unreachable")
        boolean failOpen;

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
                if (redis != null) {
                    try {
                        store = new RedisStore(redis, RedisStoreOptions.defaults()
                                .withKeyPrefix("bulwark:sim:" + UUID.randomUUID() + ":")
                                .withFailMode(failOpen ? FailMode.OPEN : FailMode.CLOSED), TimeSource.system());
                    } catch (IllegalArgumentException e) {
                        err.println("bulwark ratelimit simulate: --redis: " + e.getMessage());
                        return Cli.EXIT_USAGE;
                    }
                    backend = store;
                }
                SimulationResult r = run(sim, loaded.scenario(), mode, backend, err);
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
                err.printf(Locale.ROOT, "%s: %d s %s on %s, %,d decisions, %,.0f decisions/s%n", r.scenario(),
                        r.seconds(), mode.name().toLowerCase(Locale.ROOT).replace('_', '-'), r.backend(),
                        r.decisions(), r.decisionsPerSecond());
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
                                     PrintWriter err) throws IOException {
            SimulationListener perSecond = !live ? SimulationListener.none() : sample -> err.printf(Locale.ROOT,
                    "second %4d  %-16s offered %7d  allowed %7d  rejected %7d  max_in_window %5d%n",
                    sample.second(), sample.limiter(), sample.offered(), sample.allowed(), sample.rejected(),
                    sample.maxInWindow());
            try {
                return sim.run(scenario, mode, backend,
                        new SimulationProgress(err, scenario.durationNanos(), perSecond, TimeSource.system()));
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
            description = {"Measures this build's limiter throughput in-process (simple timed loops, not JMH):",
                    "in-memory token bucket (hot key, 10,000 keys, 2 threads on one key), the virtual-time",
                    "simulator, and with --redis the Redis store with async pipelining.",
                    "The JMH comparison with Bucket4j (ratios, over-grants) runs from the source tree:",
                    "  ./mvnw -Pbench verify -Dtest='RateLimit*Bench*'"})
    static final class Bench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "1", description = "seconds per measurement (default: ${DEFAULT-VALUE})")
        double seconds;

        @Option(names = "--redis", paramLabel = "URI", description = "also measure the Redis store at URI")
        String redis;

        @Override
        public Integer call() {
            if (!(seconds > 0) || seconds > 60) {
                spec.commandLine().getErr().println("bulwark ratelimit bench: --seconds must be in (0, 60]");
                return Cli.EXIT_USAGE;
            }
            new QuickBench((long) (seconds * 1e9), TimeSource.system()).run(redis, spec.commandLine().getOut());
            return 0;
        }
    }
}
