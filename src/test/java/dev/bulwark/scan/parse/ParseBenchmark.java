package dev.bulwark.scan.parse;

import dev.bulwark.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Parse speed: the real 1,122-package package-lock.json, a synthetic 10,000-package lockfile, and a
 * folder holding all 13 shared manifests (discovery + parse). Run through {@link ParseBenchmarkTest}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParseBenchmark {
    private static final Path SHARED = Path.of(System.getProperty("bulwark.bench.shared", "../shared/manifests"));
    private static final java.util.regex.Pattern SHARED_NAME = java.util.regex.Pattern.compile("^.+?_[0-9a-f]{12}_(.+)$");

    private Path dir;
    private Path realLock;
    private Path syntheticLock;
    private Path allShared;
    private ManifestScanner scanner;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        scanner = new ManifestScanner();
        dir = Files.createTempDirectory("bulwark-parse-bench");
        allShared = Files.createDirectories(dir.resolve("all"));
        try (var files = Files.list(SHARED)) {
            for (Path p : files.sorted().toList()) {
                var m = SHARED_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    Path target = Files.createDirectories(allShared.resolve(p.getFileName().toString())).resolve(m.group(1));
                    Files.copy(p, target);
                }
            }
        }
        realLock = Files.createDirectories(dir.resolve("real")).resolve("package-lock.json");
        Files.copy(SHARED.resolve("sahat_hackathon-starter_6296aa7efe6c_package-lock.json"), realLock);
        syntheticLock = Files.createDirectories(dir.resolve("synthetic")).resolve("package-lock.json");
        Files.writeString(syntheticLock, synthetic(10_000));
    }

    /** A lockfile v3 with {@code n} packages, a third of them nested. */
    static String synthetic(int n) {
        StringBuilder sb = new StringBuilder("{\n  \"name\": \"synthetic\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n");
        sb.append("    \"\": {\"name\": \"synthetic\", \"dependencies\": {\"pkg-0\": \"^1.0.0\"}}");
        for (int i = 0; i < n; i++) {
            String path = i % 3 == 0 ? "node_modules/pkg-" + i : "node_modules/pkg-" + (i - 1) + "/node_modules/dep-" + i;
            sb.append(",\n    \"").append(path).append("\": {\n      \"version\": \"").append(i % 7).append('.')
                    .append(i % 13).append('.').append(i % 5).append("\",\n      \"resolved\": \"https://registry.npmjs.org/pkg/-/pkg.tgz\",\n")
                    .append("      \"integrity\": \"sha512-AAAA\",\n      \"dev\": ").append(i % 2 == 0).append("\n    }");
        }
        return sb.append("\n  }\n}\n").toString();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public int realPackageLock1122() {
        return scanner.scan(List.of(realLock), p -> { }).getFirst().packages().size();
    }

    @Benchmark
    public int syntheticPackageLock10000() {
        return scanner.scan(List.of(syntheticLock), p -> { }).getFirst().packages().size();
    }

    @Benchmark
    public int allSharedManifestsFolder() {
        return scanner.scan(List.of(allShared), p -> { }).stream().mapToInt(r -> r.packages().size()).sum();
    }

    static Path sharedDir() {
        return SharedData.manifests();
    }
}
