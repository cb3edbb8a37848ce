package dev.bulwark.cli;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.docker.monitor.MonitorConfig;
import dev.bulwark.docker.monitor.MonitorUpdate;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.docker.stats.Units;
import dev.bulwark.util.reconnect.ConnectionState;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark containers watch}: live table from the monitor (streams, events, reconnection, alerts). The
 * first frame waits until every engine has answered or failed once (so it never shows an engine's containers
 * as none merely because it was still connecting); while no engine is reachable a frame says so instead of
 * printing an empty table.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Refresh the container table until interrupted; engine states and alerts are shown as they happen.",
        footer = {"", "Exit codes (with --count): 0 done, 2 no engine was reachable in any frame or bad usage."})
public final class ContainersWatchCommand implements Callable<Integer> {
    /** Longest wait for the engines' first answers before the first frame is printed anyway. */
    static final Duration FIRST_ANSWER = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = {"-a", "--all"}, description = "Include stopped containers.")
    boolean all;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between refreshes. Default: ${DEFAULT-VALUE}.")
    double interval;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Stop after N refreshes (0: until interrupted).")
    int count;

    @Override
    public Integer call() throws Exception {
        if (interval <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--interval must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean clear = System.console() != null;
        Queue<Alert> fresh = new ConcurrentLinkedQueue<>();
        AtomicReference<Snapshot> latest = new AtomicReference<>();
        boolean anyReachable = false;
        try (ContainerMonitor monitor = new ContainerMonitor(engineOptions.specs(), EngineFactory.dockerJava(),
                MonitorConfig.defaults(), Clock.systemUTC())) {
            monitor.subscribe(new UpdateCollector(fresh, latest));
            monitor.start();
            Snapshot s = firstAnswers(monitor);
            for (int i = 0; count == 0 || i < count; i++) {
                if (i > 0) {
                    Thread.sleep(Duration.ofMillis((long) (interval * 1000)));
                    // The monitor's own tick built a snapshot at most a tick ago: print that rather than build another.
                    Snapshot ticked = latest.get();
                    s = ticked != null ? ticked : monitor.snapshot();
                }
                if (clear) {
                    out.print("\u001b[H\u001b[2J");
                }
                anyReachable |= frame(out, s);
                Alert a;
                while ((a = fresh.poll()) != null) {
                    out.println("ALERT " + a.at() + " [" + a.engine() + "] " + a.message());
                }
                out.println();
                out.flush();
            }
        }
        return anyReachable ? 0 : Cli.EXIT_USAGE;
    }

    /** The first snapshot in which no engine is still on its first connection attempt (or the wait ran out). */
    private static Snapshot firstAnswers(ContainerMonitor monitor) throws InterruptedException {
        long deadline = System.nanoTime() + FIRST_ANSWER.toNanos();
        Snapshot s = monitor.snapshot();
        while (s.engines().stream().anyMatch(e -> e.state().firstAttempt()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            s = monitor.snapshot();
        }
        return s;
    }

    /** Prints one frame; true when some engine is connected. */
    private boolean frame(PrintWriter out, Snapshot s) {
        boolean reachable = false;
        for (EngineStatus e : s.engines()) {
            out.println("engine " + e.engine() + ": " + e.describe(s.at()));
            reachable |= e.kind() == ConnectionState.Kind.CONNECTED;
        }
        if (!reachable) {
            out.println("no engine reachable; retrying until interrupted"
                    + (s.containers().isEmpty() ? "" : "; the containers below are the last known (stale)"));
            if (s.containers().isEmpty()) {
                return false;
            }
        }
        Totals t = s.totals().all();
        out.printf("%d containers: %d running, %d stopped, %d healthy, %d unhealthy, %d stale; CPU %s, memory %s%n",
                t.total(), t.running(), t.stopped(), t.healthy(), t.unhealthy(), t.stale(),
                Units.percent(t.cpuPercent()), Units.binary(t.memUsageBytes()));
        ContainerTable.print(out, s.containers().stream()
                .filter(v -> all || v.details().state().hasProcesses()).toList(),
                ContainersCommand.engineNames(s), s.at());
        return reachable;
    }

    /** Keeps the newest snapshot and collects new alerts from the monitor's updates. */
    private record UpdateCollector(Queue<Alert> sink, AtomicReference<Snapshot> latest)
            implements Flow.Subscriber<MonitorUpdate> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(MonitorUpdate item) {
            latest.set(item.snapshot());
            sink.addAll(item.newAlerts());
        }

        @Override
        public void onError(Throwable t) {
            org.slf4j.LoggerFactory.getLogger(ContainersWatchCommand.class).error("monitor updates failed", t);
        }

        @Override
        public void onComplete() {
        }
    }
}
