package dev.bulwark.ratelimit.sim;

import dev.bulwark.ratelimit.AsyncRateLimiter;
import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.LimiterBackend;
import dev.bulwark.ratelimit.ManualTimeSource;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.Reason;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link Scenario}: every request is offered to every limiter configuration, so all of them see
 * identical traffic. In {@link SimulationMode#VIRTUAL} time jumps from request to request on a
 * {@link ManualTimeSource} (deterministic for a seed; one in 16 decisions is timed for the latency
 * percentiles so timing does not dominate). In {@link SimulationMode#REAL_TIME} requests are paced by
 * {@code wallClock} and every decision is timed; use it with a backend such as Redis that keeps its own time.
 * Real-time decisions on an asynchronous store (Redis) are issued without waiting for each answer
 * ({@link DecisionPipeline}), keeping their order, so a run keeps its schedule at rates a round trip per
 * decision could not.
 * Per-second figures go to the listener as each second completes, with the busiest clients of the second
 * broken out (how many is set at construction), and progress every 65,536 requests. The result keeps a
 * series of at most {@link ScenarioLimits#MAX_SERIES_POINTS} points per limiter. Stopping a run (interrupting its thread) ends it with a
 * {@link SimulationStoppedException} carrying the figures reached so far.
 */
public final class Simulator implements AutoCloseable {
    private static final long SECOND = 1_000_000_000L;
    private static final int SAMPLE_MASK = 15;
    /**
     * Allowed requests kept exactly for {@code maxInWindow}, all limiters together (16 bytes each); past that a
     * limiter measures at a resolution of a slice of its window ({@link WindowBudget}).
     */
    static final long WINDOW_ENTRIES = 4_000_000;
    /** Requests between checks for a stop and progress reports. */
    private static final int PROGRESS_MASK = 0xFFFF;
    private static final long LAG_WARNING_NANOS = 100_000_000L;

    /** Busiest clients broken out per second and limiter unless told otherwise. */
    public static final int DEFAULT_TOP_CLIENTS = 10;

    private final TimeSource wallClock;
    private final int topClients;
    private final ExecutorService executor = NamedThreads.virtualExecutor("ratelimit-sim");

    /** A simulator pacing real-time runs with {@code wallClock} (normally {@link TimeSource#system()}). */
    public Simulator(TimeSource wallClock) {
        this(wallClock, DEFAULT_TOP_CLIENTS);
    }

    /**
     * @param wallClock  paces real-time runs and measures wall time
     * @param topClients how many of the busiest clients each {@link SecondSample} breaks out (the rest are
     *                   summed as "other clients"); 0 turns the per-client breakdown off
     */
    public Simulator(TimeSource wallClock, int topClients) {
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        if (topClients < 0) {
            throw new IllegalArgumentException("topClients must be 0 or more, was " + topClients);
        }
        this.topClients = topClients;
    }

    /** How many of the busiest clients each second breaks out. */
    public int topClients() {
        return topClients;
    }

    /** Starts {@link #run} on the simulator's own named virtual thread; cancel the future to stop. */
    public CompletableFuture<SimulationResult> start(Scenario scenario, SimulationMode mode, LimiterBackend backend,
                                                     SimulationListener listener) {
        CompletableFuture<SimulationResult> f = new CompletableFuture<>();
        var task = executor.submit(() -> {
            try {
                f.complete(run(scenario, mode, backend, listener));
            } catch (IOException e) {
                f.completeExceptionally(new UncheckedIOException(e));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        f.whenComplete((r, e) -> {
            if (f.isCancelled()) {
                task.cancel(true);
            }
        });
        return f;
    }

    /**
     * Runs {@code scenario} on the calling thread.
     *
     * @throws IOException           if a replayed access log cannot be read
     * @throws IllegalArgumentException if virtual time is asked of a backend that keeps its own time
     * @throws SimulationStoppedException if the thread is interrupted; it carries the partial result
     */
    public SimulationResult run(Scenario scenario, SimulationMode mode, LimiterBackend backend,
                                SimulationListener listener) throws IOException {
        if (mode == SimulationMode.VIRTUAL && !backend.followsInjectedTime()) {
            throw new IllegalArgumentException("the " + backend.label()
                    + " store keeps its own clock; run it in real-time mode");
        }
        EventStream events = new EventStream(scenario);
        int seconds = scenario.seconds();
        int n = scenario.limiters().size();
        ManualTimeSource virtual = new ManualTimeSource(0);
        TimeSource limiterTime = mode == SimulationMode.VIRTUAL ? virtual : wallClock;
        RateLimiter[] limiters = new RateLimiter[n];
        LimiterMetrics[] metrics = new LimiterMetrics[n];
        for (int i = 0; i < n; i++) {
            LimitConfig c = scenario.limiters().get(i);
            limiters[i] = backend.create(c, limiterTime);
            metrics[i] = new LimiterMetrics(c, events.clientNames(), events.keyNames().size(), topClients,
                    WINDOW_ENTRIES / n);
        }
        String[] keys = events.keyNames().toArray(String[]::new);
        boolean timeAll = mode == SimulationMode.REAL_TIME;
        long[] unavailable = new long[1];
        boolean logDecisions = listener.wantsDecisions();
        DecisionPipeline.Sink sink = (p, d) -> {
            metrics[p.limiter].latency.record(p.latencyNanos());
            metrics[p.limiter].record(p.client, p.key, p.cost, d.allowed(), p.time);
            if (d.reason() == Reason.STORE_UNAVAILABLE) {
                unavailable[0]++;
            }
            if (logDecisions) {
                listener.onDecision(new DecisionEvent(limiters[p.limiter].config().name(), p.time,
                        events.clientNames().get(p.client), keys[p.key], p.cost, d, p.issuedNanos,
                        p.issuedNanos + p.latencyNanos()));
            }
        };
        AsyncRateLimiter[] async = timeAll ? asyncOrNull(limiters) : null;
        DecisionPipeline pipeline = async == null ? null : new DecisionPipeline(sink);
        long startWall = wallClock.nanos();
        long decisions = 0;
        int published = 0;
        long counter = 0;
        long requests = 0;
        long maxLag = 0;
        int reached = 0;
        try {
            while (events.next()) {
                long t = events.time;
                if ((++requests & PROGRESS_MASK) == 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("simulation interrupted");
                    }
                    listener.onProgress(t, decisions);
                }
                int second = (int) (t / SECOND);
                if (published < second && pipeline != null) {
                    pipeline.drain();  // a second closes only once all its decisions are in
                }
                while (published < second) {
                    publish(metrics, published++, listener);
                }
                if (timeAll) {
                    if (pipeline != null) {
                        pipeline.takeAnswered();
                    }
                    pace(startWall + t);
                    maxLag = Math.max(maxLag, wallClock.nanos() - (startWall + t));
                } else {
                    virtual.set(t);
                }
                reached = second + 1;
                if (pipeline != null) {
                    for (int i = 0; i < n; i++) {
                        pipeline.issue(async[i], i, keys[events.key], events.client, events.key, events.cost, t);
                    }
                    decisions += n;
                    continue;
                }
                // time every limiter on the same sampled requests so each gets the same share of samples
                boolean timed = timeAll || (counter++ & SAMPLE_MASK) == 0;
                for (int i = 0; i < n; i++) {
                    long t0 = timed || logDecisions ? System.nanoTime() : 0;
                    Decision d = limiters[i].tryAcquire(keys[events.key], events.cost);
                    long t1 = timed || logDecisions ? System.nanoTime() : 0;
                    if (timed) {
                        metrics[i].latency.record(t1 - t0);
                    }
                    metrics[i].record(events.client, events.key, events.cost, d.allowed(), t);
                    if (d.reason() == Reason.STORE_UNAVAILABLE) {
                        unavailable[0]++;
                    }
                    if (logDecisions) {
                        listener.onDecision(new DecisionEvent(limiters[i].config().name(), t,
                                events.clientNames().get(events.client), keys[events.key], events.cost, d, t0, t1));
                    }
                }
                decisions += n;
            }
            if (pipeline != null) {
                pipeline.drain();
            }
            if (timeAll) {
                pace(startWall + scenario.durationNanos());
            }
        } catch (CancellationException e) {
            if (pipeline != null) {
                pipeline.drain();
            }
            throw stopped(scenario, mode, backend, events, metrics, Math.max(published, reached), published,
                    new Counts(decisions, unavailable[0]), startWall, e);
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                throw e;
            }
            if (pipeline != null) {
                pipeline.drain();
            }
            // interrupted inside a blocking store call: still a stop, not a failure
            throw stopped(scenario, mode, backend, events, metrics, Math.max(published, reached), published,
                    new Counts(decisions, unavailable[0]), startWall, e);
        }
        while (published < seconds) {
            publish(metrics, published++, listener);
        }
        listener.onProgress(scenario.durationNanos(), decisions);
        return result(scenario, mode, backend, events, metrics, seconds, new Counts(decisions, unavailable[0]),
                startWall, maxLag, false);
    }

    /** All limiters when each answers asynchronously (a remote store), else null: they run sequentially. */
    private static AsyncRateLimiter[] asyncOrNull(RateLimiter[] limiters) {
        AsyncRateLimiter[] async = new AsyncRateLimiter[limiters.length];
        for (int i = 0; i < limiters.length; i++) {
            if (!(limiters[i] instanceof AsyncRateLimiter a)) {
                return null;
            }
            async[i] = a;
        }
        return async;
    }

    /** Decisions made, and how many of them the store could not make (answered by its fail mode). */
    private record Counts(long decisions, long storeUnavailable) {
    }

    /** The figures reached when a run is stopped: the seconds closed so far plus the one in progress. */
    private SimulationStoppedException stopped(Scenario scenario, SimulationMode mode, LimiterBackend backend,
                                               EventStream events, LimiterMetrics[] metrics, int reached,
                                               int published, Counts counts, long startWall, RuntimeException cause) {
        int upTo = Math.min(reached, scenario.seconds());
        for (int s = published; s < upTo; s++) {
            for (LimiterMetrics m : metrics) {
                m.close(s);
            }
        }
        var e = new SimulationStoppedException(result(scenario, mode, backend, events, metrics, upTo, counts,
                startWall, 0, true));
        e.initCause(cause);
        return e;
    }

    private SimulationResult result(Scenario scenario, SimulationMode mode, LimiterBackend backend,
                                    EventStream events, LimiterMetrics[] metrics, int seconds, Counts counts,
                                    long startWall, long maxLag, boolean stopped) {
        long wall = wallClock.nanos() - startWall;
        List<LimiterResult> results = new ArrayList<>(metrics.length);
        for (LimiterMetrics m : metrics) {
            results.add(m.result(events.clientNames()));
        }
        List<String> warnings = new ArrayList<>(events.problems());
        if (maxLag > LAG_WARNING_NANOS) {
            warnings.add(String.format(java.util.Locale.ROOT, "real-time run fell behind schedule by up to %.0f ms:"
                    + " the offered rate is more than decisions on %s can keep up with", maxLag / 1e6,
                    backend.label()));
        }
        return new SimulationResult(scenario.name(), scenario.seed(), mode, backend.label(), seconds,
                counts.decisions(), wall, results, warnings, stopped, counts.storeUnavailable(), maxLag);
    }

    private void pace(long target) {
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("simulation interrupted");
            }
            long wait = target - wallClock.nanos();
            if (wait <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
        }
    }

    private static void publish(LimiterMetrics[] metrics, int second, SimulationListener listener) {
        for (LimiterMetrics m : metrics) {
            listener.onSecond(m.close(second));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        executor.close();
    }
}
