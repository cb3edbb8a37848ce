package dev.bulwark.scan.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.scan.AdvisoryDatabase;
import dev.bulwark.scan.ScanOptions;
import dev.bulwark.scan.ScanSession;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.testsupport.CliRun;
import dev.bulwark.testsupport.DockerEngineSupport;
import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nice ./mvnw -q -B -o -Pbench test -Dtest=ImageScanBenchTest}: a whole image scan as the CLI and the GUI
 * run it ({@link ImageExporter#scan}: the engine's export and its image inspect, streamed through the inventory,
 * then matching against real PyPI and Go advisories and the report) against its floor, {@code docker save IMAGE >
 * /dev/null} on the same engine in the same run, for a small image ({@link TestImages}, ~25 MB) and a large one
 * (~450 MB: Debian's Go toolchain with its Go binaries, Python, jars, the dpkg database). Medians of 15 (small)
 * and 7 (large) alternating pairs after a warm-up, with the spread of the per-pair ratios; the goal is a ratio of
 * at most 1.5.
 *
 * <p>What is timed: for us, from the export request to the finished report in this (warm) JVM with the database
 * already open; for the peer, the {@code docker} process from start to exit, its output discarded. Neither side
 * caches the image between runs. So the peer pays its process start and we do not pay ours; to show what that is
 * worth, {@code docker version} (start-up and one small API call) is timed too, as is a plain drain of the same
 * export by this JVM (the engine's own time, nothing parsed). One more run prints where our time goes: response
 * head, first byte, each layer read, last byte, inventory, report.
 *
 * <p>Peak memory: the CLI in a forked JVM capped at {@code -Xmx64m}, its maximum resident set from
 * {@code /usr/bin/time}, for both images.
 */
@Tag("bench")
class ImageScanBenchTest {
    /** Pairs per image: the machine is shared, so a small scan gets more (each pair is well under a second). */
    private static final int SMALL_RUNS = 15;
    private static final int LARGE_RUNS = 7;

    @TempDir
    Path tmp;

    @Test
    void scanCostsAtMostOneAndAHalfDockerSaves() throws Exception {
        String host = DockerEngineSupport.dockerHost();
        Path db = tmp.resolve("db");
        assertThat(CliRun.of("db", "import", "--db", db.toString(), SharedData.osvDb().resolve("PyPI/all.zip").toString(),
                SharedData.osvDb().resolve("Go/all.zip").toString()).code()).isZero();
        String small = TestImages.multiLayer().tag();
        String large = "bulwark-bench/large:" + Long.toHexString(System.nanoTime());
        TestImages.run(List.of("sh", "-c", "tar -C / -cf - usr/lib/go-1.19 usr/lib/python3 var/lib/dpkg/status "
                + "usr/lib/os-release etc/os-release -C \"$HOME/.m2/repository\" com/fasterxml org/apache "
                + "| docker import - " + large), tmp);
        try {
            AdvisoryDatabase database = new AdvisoryDatabase(db, Clock.systemUTC(), Duration.ofDays(100_000));
            ScanOptions options = new ScanOptions(Set.of(ScanOptions.OFFLINE), URI.create("https://api.osv.dev/"),
                    tmp.resolve("cache"), "", Duration.ofSeconds(60), null, FailOn.NONE, false, null);
            EngineSpec spec = EngineSpec.fromEnvironment(java.util.Map.of("DOCKER_HOST", host), "Linux").validate();
            try (DockerEngine engine = EngineFactory.dockerJava().open(spec);
                 ScanSession session = new ScanSession(database, options, new ManifestScanner())) {
                measure(small, SMALL_RUNS, engine, session);
                measure(large, LARGE_RUNS, engine, session);
            }
            for (String image : List.of(small, large)) {
                peakMemory(image, db);
            }
        } finally {
            TestImages.run(List.of("docker", "rmi", "-f", large), tmp);
        }
    }

    private void measure(String image, int runs, DockerEngine engine, ScanSession session) throws Exception {
        ScanReport warm = scan(image, engine, session, Marks.NONE);
        docker("save", image);
        List<Long> ours = new ArrayList<>();
        List<Long> save = new ArrayList<>();
        List<Long> cli = new ArrayList<>();
        List<Long> drain = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            scan(image, engine, session, Marks.NONE);
            ours.add(System.nanoTime() - t);
            t = System.nanoTime();
            docker("save", image);
            save.add(System.nanoTime() - t);
            t = System.nanoTime();
            docker("version", "--format", "{{.Server.Version}}");
            cli.add(System.nanoTime() - t);
            t = System.nanoTime();
            try (InputStream in = engine.saveImage(image)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            drain.add(System.nanoTime() - t);
        }
        double o = median(ours) / 1e6;
        double s = median(save) / 1e6;
        List<Double> pairs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            pairs.add((double) ours.get(i) / save.get(i));
        }
        pairs.sort(null);
        System.out.printf(Locale.ROOT, "[bench] %-40s %5d packages  scan %8.0f ms  docker save %8.0f ms  ratio %.2f"
                + "  (per pair: median %.2f, quartiles %.2f-%.2f, %d pairs)%n", image, warm.packages().size(), o, s,
                o / s, pairs.get(runs / 2), pairs.get(runs / 4), pairs.get(3 * runs / 4), runs);
        System.out.printf(Locale.ROOT, "[bench] %-40s docker version %.0f ms (CLI start-up + 1 API call), export "
                + "drained by this JVM %.0f ms; load average %s%n", image, median(cli) / 1e6, median(drain) / 1e6,
                Files.readString(Path.of("/proc/loadavg")).strip());
        Marks marks = new Marks();
        scan(image, engine, session, marks);
        System.out.println("[bench] " + image + " phases (ms from the export request): " + marks);
    }

    /** The scan as {@code scan --image} and the GUI run it: the core's exporter port over the engine. */
    private static ScanReport scan(String image, DockerEngine engine, ScanSession session, Marks marks)
            throws IOException {
        ImageExporter exporter = new ImageExporter() {
            @Override
            public List<String> engines() {
                return List.of(engine.spec().name());
            }

            @Override
            public InputStream save(String name, String reference) {
                InputStream in = engine.saveImage(reference);
                marks.note("head");
                return marks.timed(in);
            }

            @Override
            public int layerCount(String name, String reference) {
                return engine.imageLayerCount(reference);
            }
        };
        ImageInventory inventory = exporter.scan(image, new ImageScanner(), marks);
        marks.note("inventory");
        ScanReport report = session.scanImage(inventory);
        marks.note("report");
        return report;
    }

    /** Wall-clock marks of one scan: response head, first and last byte, each layer read, inventory, report. */
    private static class Marks implements ImageScanner.Progress {
        static final Marks NONE = new Marks();
        private final long start = System.nanoTime();
        private final List<String> marks = java.util.Collections.synchronizedList(new ArrayList<>()); // + read-ahead

        void note(String what) {
            if (this != NONE) {
                marks.add(String.format(Locale.ROOT, "%s %.0f", what, (System.nanoTime() - start) / 1e6));
            }
        }

        InputStream timed(InputStream in) {
            return this == NONE ? in : new java.io.FilterInputStream(in) {
                private boolean first = true;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (first && n > 0) {
                        first = false;
                        note("first-byte");
                    } else if (n < 0 && !first) {
                        first = true; // once
                        note("last-byte");
                    }
                    return n;
                }
            };
        }

        @Override
        public void layerRead(int done, int total, String layer) {
            note("layer" + done + "/" + total);
        }

        @Override
        public String toString() {
            synchronized (marks) {
                return String.join(", ", marks);
            }
        }
    }

    private void docker(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private void peakMemory(String image, Path db) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path timeOut = tmp.resolve("time.txt");
        Process p = new ProcessBuilder("/usr/bin/time", "-f", "%M %e", "-o", timeOut.toString(), java, "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), "dev.bulwark.app.Main", "scan", "--db", db.toString(),
                "--image", image, "--fail-on", "none", "--format", "json", "--output", tmp.resolve("r.json").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("scan of " + image + " with -Xmx64m").isZero();
        String[] f = Files.readString(timeOut).strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
        System.out.printf(Locale.ROOT, "[bench] %-40s CLI with -Xmx64m: peak RSS %6.1f MB, %s s wall%n", image,
                Long.parseLong(f[0]) / 1024.0, f[1]);
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
