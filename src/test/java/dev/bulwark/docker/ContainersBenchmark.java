package dev.bulwark.docker;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.docker.monitor.MonitorConfig;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.docker.monitor.Snapshotter;
import dev.bulwark.testsupport.DockerEngineSupport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two performance goals, on a private engine holding exactly 50 idle containers (so both
 * tools see the same set and no one else's containers interfere):
 * <ol>
 *   <li>a snapshot, as a ratio to {@code docker stats --no-stream} run right after (goal ≤ 1.0);</li>
 *   <li>watching for 60 s (steady state, after connect): console CPU time as a ratio to {@code docker stats}
 *       streaming over its own 60 s (goal ≤ 1.0), plus the engine's (dockerd) CPU time in both windows.</li>
 * </ol>
 * Run with {@code ./mvnw -Pbench verify -Dtest=ContainersBenchmark}; {@code -Dbench.watchSeconds=N} shortens
 * the watch. Figures are printed, not asserted.
 */
@Tag("bench")
class ContainersBenchmark {
    private static final int CONTAINERS = 50;
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    @Test
    void snapshotAndWatchAgainstDockerStats() throws Exception {
        int watchSeconds = Integer.getInteger("bench.watchSeconds", 60);
        try (PrivateDockerd daemon = new PrivateDockerd()) {
            daemon.start();
            daemon.importImage(DockerEngineSupport.image());
            startContainers(daemon.host());
            EngineSpec spec = new EngineSpec("bench", URI.create(daemon.host()), null, false);

            // 1. Snapshot: warm-up once, then 3 rounds of (ours, docker stats --no-stream right after).
            List<Double> ratios = new ArrayList<>();
            try (DockerEngine engine = EngineFactory.dockerJava().open(spec);
                 Snapshotter snapshotter = new Snapshotter(List.of(engine), Clock.systemUTC())) {
                snapshotter.take(false);
                for (int round = 0; round < 3; round++) {
                    long t0 = System.nanoTime();
                    Snapshot s = snapshotter.take(false);
                    double ours = (System.nanoTime() - t0) / 1e9;
                    long t1 = System.nanoTime();
                    TestContainers.DockerCli.run(daemon.host(), "stats", "--no-stream");
                    double cli = (System.nanoTime() - t1) / 1e9;
                    ratios.add(ours / cli);
                    System.out.printf("[bench] snapshot of %d containers: bulwark %.3f s, docker stats --no-stream %.3f s, ratio %.2f%n",
                            s.containers().size(), ours, cli, ours / cli);
                }
            }
            ratios.sort(null);
            System.out.printf("[bench] snapshot ratio (median of 3): %.2f (goal <= 1.0)%n", ratios.get(1));

            // 2. Watch: our monitor in this JVM, then docker stats streaming, same length, same engine.
            double oursCpu;
            double engineCpuOurs;
            try (ContainerMonitor monitor = new ContainerMonitor(List.of(spec), EngineFactory.dockerJava(),
                    MonitorConfig.defaults(), Clock.systemUTC())) {
                monitor.start();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (System.nanoTime() < deadline && (monitor.snapshot().engines().getFirst().kind() != EngineStatus.Kind.CONNECTED
                        || monitor.openStatsStreams() < CONTAINERS)) {
                    Thread.sleep(100);
                }
                Thread.sleep(3000); // steady state
                long cpu0 = processCpuNanos();
                long d0 = cpuTicks(daemon.pid());
                Thread.sleep(watchSeconds * 1000L);
                oursCpu = (processCpuNanos() - cpu0) / 1e9;
                engineCpuOurs = (cpuTicks(daemon.pid()) - d0) / (double) TICKS_PER_SECOND;
                System.out.printf("[bench] watch %d s: bulwark monitor CPU %.2f s (%d streams), dockerd CPU %.2f s%n",
                        watchSeconds, oursCpu, monitor.openStatsStreams(), engineCpuOurs);
            }
            Thread.sleep(2000);
            ProcessBuilder pb = new ProcessBuilder("docker", "stats", "--format",
                    "{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.NetIO}} {{.BlockIO}} {{.PIDs}}");
            pb.environment().put("DOCKER_HOST", daemon.host());
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            Process stats = pb.start();
            double cliCpu;
            double engineCpuCli;
            try {
                Thread.sleep(3000);
                long c0 = cpuTicks(stats.pid());
                long d0 = cpuTicks(daemon.pid());
                Thread.sleep(watchSeconds * 1000L);
                cliCpu = (cpuTicks(stats.pid()) - c0) / (double) TICKS_PER_SECOND;
                engineCpuCli = (cpuTicks(daemon.pid()) - d0) / (double) TICKS_PER_SECOND;
            } finally {
                stats.destroy();
                stats.waitFor();
            }
            System.out.printf("[bench] watch %d s: docker stats CPU %.2f s, dockerd CPU %.2f s%n",
                    watchSeconds, cliCpu, engineCpuCli);
            System.out.printf("[bench] watch CPU ratio bulwark/docker stats: %.2f (goal <= 1.0); engine CPU ratio %.2f%n",
                    oursCpu / cliCpu, engineCpuOurs / engineCpuCli);
        }
    }

    private static void startContainers(String host) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < CONTAINERS; i++) {
                String name = "bwdock-bench-" + i;
                runs.add(pool.submit(() -> TestContainers.DockerCli.run(host, "run", "-d", "--network", "none",
                        "--name", name, DockerEngineSupport.image(), "sleep", "3600")));
            }
            for (Future<String> f : runs) {
                f.get();
            }
        }
    }

    /** CPU time of this JVM (all threads, JIT and GC included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of a process, in clock ticks, from /proc/PID/stat. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of the full line
    }
}
