package dev.bulwark.docker;

import dev.bulwark.testsupport.TestContainers;
import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.docker.monitor.Snapshotter;
import dev.bulwark.testsupport.DockerEngineSupport;
import java.io.IOException;
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
 *   <li>watching for 60 s: CPU time of {@code bulwark containers watch} (its own JVM, as a user runs it) as a
 *       ratio to {@code docker stats} streaming over its own 60 s (goal ≤ 1.0), both after a 10 s start-up;
 *       JIT compiler time is reported apart, and the engine's (dockerd) CPU time in both windows.</li>
 * </ol>
 * Run with {@code ./mvnw -Pbench verify -Dtest=ContainersBenchmark}; {@code -Dbench.watchSeconds=N} shortens
 * the watch; {@code -Dbench.childJvmOpts=...} overrides the first watcher's JVM options. Figures are
 * printed, not asserted.
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

            // 2. Watch: the real console path, `bulwark containers watch --interval 1` in its own JVM, once with
            //    the installed launcher's JVM options and once with the JVM's defaults (a bare `java -jar`), then
            //    `docker stats` streaming; each measured over the same length after a warm-up.
            String launcherOpts = System.getProperty("bench.launcherJvmOpts", "-XX:TieredStopAtLevel=1");
            String jvmOpts = System.getProperty("bench.childJvmOpts", launcherOpts);
            Usage ours = measure(watcher(jvmOpts, daemon.host()), daemon, watchSeconds);
            System.out.printf("[bench] watch %d s: bulwark watch CPU %.2f s (JIT threads %.2f s) [JVM options: %s], dockerd CPU %.2f s%n",
                    watchSeconds, ours.cpu(), ours.jit(), label(jvmOpts), ours.engine());
            Usage bare = measure(watcher("", daemon.host()), daemon, watchSeconds);
            System.out.printf("[bench] watch %d s: bulwark watch CPU %.2f s (JIT threads %.2f s) [JVM options: default], dockerd CPU %.2f s%n",
                    watchSeconds, bare.cpu(), bare.jit(), bare.engine());
            Usage cli = measure(new ProcessBuilder("docker", "stats", "--format",
                    "{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.NetIO}} {{.BlockIO}} {{.PIDs}}"), daemon, watchSeconds);
            System.out.printf("[bench] watch %d s: docker stats CPU %.2f s, dockerd CPU %.2f s%n",
                    watchSeconds, cli.cpu(), cli.engine());
            System.out.printf("[bench] watch CPU ratio bulwark/docker stats: %.2f [%s] (goal <= 1.0); %.2f with JVM defaults "
                    + "(%.2f without its JIT threads); engine CPU ratio %.2f%n", ours.cpu() / cli.cpu(), label(jvmOpts),
                    bare.cpu() / cli.cpu(), (bare.cpu() - bare.jit()) / cli.cpu(), ours.engine() / cli.engine());
        }
    }

    private static ProcessBuilder watcher(String jvmOpts, String host) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!jvmOpts.isBlank()) {
            cmd.addAll(List.of(jvmOpts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.bulwark.app.Main",
                "containers", "watch", "--engine", host, "--interval", "1"));
        return new ProcessBuilder(cmd);
    }

    private static String label(String jvmOpts) {
        return jvmOpts.isBlank() ? "default" : jvmOpts;
    }

    /** CPU seconds of a watcher process, of its JIT compiler threads, and of the engine, over one window. */
    record Usage(double cpu, double jit, double engine) {
    }

    private static Usage measure(ProcessBuilder pb, PrivateDockerd daemon, int seconds) throws Exception {
        long daemonPid = daemon.pid();
        pb.environment().put("DOCKER_HOST", daemon.host());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try {
            Thread.sleep(10_000); // start-up, connect, open all streams
            long[] c0 = threadTicks(p.pid());
            long d0 = cpuTicks(daemonPid);
            Thread.sleep(seconds * 1000L);
            long[] c1 = threadTicks(p.pid());
            long d1 = cpuTicks(daemonPid);
            if (!p.isAlive()) {
                throw new IllegalStateException("watcher exited early: " + pb.command());
            }
            return new Usage((c1[0] - c0[0]) / (double) TICKS_PER_SECOND, (c1[1] - c0[1]) / (double) TICKS_PER_SECOND,
                    (d1 - d0) / (double) TICKS_PER_SECOND);
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** {total, JIT compiler threads} CPU ticks of a process, summed over /proc/PID/task. */
    private static long[] threadTicks(long pid) throws IOException {
        long total = 0;
        long jit = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    long ticks = ticks(Files.readString(t.resolve("stat")));
                    total += ticks;
                    if (Files.readString(t.resolve("comm")).contains("CompilerThre")) {
                        jit += ticks;
                    }
                } catch (IOException e) {
                    // the thread ended between listing and reading: its time is gone from both samples
                }
            }
        }
        return new long[]{total, jit};
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

    /** utime + stime of a process, in clock ticks, from /proc/PID/stat. */
    private static long cpuTicks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of the full line
    }
}
