package dev.bulwark.scan;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.parse.ManifestScanner;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Import and scan figures on the real OSV dumps ({@code ../shared/osv-db} or {@code -Dbulwark.shared}).
 * Run through {@link ScanBenchmarkTest} ({@code ./mvnw -Pbench verify -Dtest=ScanBenchmarkTest}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScanBenchmark {
    private Path work;
    private List<Path> dumps;
    private AdvisoryDatabase database;
    private ScanSession session;
    private Path lock403;
    private Path lock10k;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        Path shared = Path.of(System.getProperty("bulwark.shared", "../shared")).toAbsolutePath().normalize();
        Path osv = shared.resolve("osv-db");
        dumps = List.of(osv.resolve("PyPI/all.zip"), osv.resolve("Go/all.zip"), osv.resolve("crates.io/all.zip"),
                osv.resolve("GHSA-sample"));
        work = Files.createTempDirectory("bulwark-bench");
        database = new AdvisoryDatabase(work.resolve("db"), Clock.systemUTC(), Duration.ofDays(3650));
        database.importDumps(dumps);
        List<String> names = new ArrayList<>(database.store().index(Ecosystem.PYPI).orElseThrow().packageNames());
        names.sort(Comparator.naturalOrder());
        lock403 = requirements("403", names, 403);
        lock10k = requirements("10k", names, 10_000);
        ScanOptions options = new ScanOptions(Set.of(ScanOptions.OFFLINE), null, work.resolve("cache"), "",
                Duration.ofSeconds(10), null, FailOn.HIGH, false, null);
        session = new ScanSession(database, options, new ManifestScanner());
    }

    /** {@code n} pinned lines: real PyPI names with advisories first (old versions, so many match), then fillers. */
    private Path requirements(String label, List<String> advisoryNames, int n) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String name = i < advisoryNames.size() ? advisoryNames.get(i) : "synthetic-package-" + i;
            sb.append(name).append("==").append(i % 3 == 0 ? "0.9" : "1.0.").append(i % 7).append('\n');
        }
        Path dir = Files.createDirectories(work.resolve("lock-" + label));
        return Files.writeString(dir.resolve("requirements.txt"), sb);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        session.close();
        try (Stream<Path> s = Files.walk(work)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Import of every shared dump (~8,200 records) into a fresh folder. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    public Object importAll() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "import");
        return new AdvisoryDatabase(dir, Clock.systemUTC(), Duration.ofDays(7)).importDumps(dumps);
    }

    /** Parse + match + dedup + fixes for a 403-package requirements.txt, DB already loaded. */
    @Benchmark
    public ScanReport scan403() {
        return session.scan(List.of(lock403), p -> { });
    }

    /** The same for 10,000 packages. */
    @Benchmark
    public ScanReport scan10k() {
        return session.scan(List.of(lock10k), p -> { });
    }
}
