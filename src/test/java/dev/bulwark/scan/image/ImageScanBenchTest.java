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
 * {@code ./mvnw -Pbench verify -Dtest=ImageScanBenchTest}: a whole image scan (engine export streamed through the
 * inventory, then matching against real PyPI and Go advisories) against its floor, {@code docker save IMAGE >
 * /dev/null} on the same engine in the same run, for a small image ({@link TestImages}, ~40 MB) and a large one
 * (~450 MB: Debian's Go toolchain with its Go binaries, Python, jars, the dpkg database). Median of 5 alternating
 * runs after a warm-up; the goal is a ratio of at most 1.5. Peak memory: the CLI in a forked JVM capped at
 * {@code -Xmx64m}, its maximum resident set from {@code /usr/bin/time}, for both images.
 */
@Tag("bench")
class ImageScanBenchTest {
    private static final int RUNS = 5;

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
                for (String image : List.of(small, large)) {
                    measure(image, engine, session);
                }
            }
            for (String image : List.of(small, large)) {
                peakMemory(image, db);
            }
        } finally {
            TestImages.run(List.of("docker", "rmi", "-f", large), tmp);
        }
    }

    private void measure(String image, DockerEngine engine, ScanSession session) throws Exception {
        ScanReport warm = scan(image, engine, session);
        dockerSave(image);
        List<Long> ours = new ArrayList<>();
        List<Long> save = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            scan(image, engine, session);
            ours.add(System.nanoTime() - t);
            t = System.nanoTime();
            dockerSave(image);
            save.add(System.nanoTime() - t);
        }
        double o = median(ours) / 1e6;
        double s = median(save) / 1e6;
        System.out.printf(Locale.ROOT, "[bench] %-40s %5d packages  scan %8.0f ms  docker save %8.0f ms  ratio %.2f%n",
                image, warm.packages().size(), o, s, o / s);
    }

    private static ScanReport scan(String image, DockerEngine engine, ScanSession session) throws IOException {
        try (InputStream in = engine.saveImage(image)) {
            return session.scanImage(new ImageScanner().scanArchive(in, image, image));
        }
    }

    private void dockerSave(String image) throws Exception {
        Process p = new ProcessBuilder("docker", "save", image).redirectOutput(ProcessBuilder.Redirect.DISCARD)
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
