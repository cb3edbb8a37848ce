package dev.bulwark.ratelimit.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.ManualTimeSource;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.sim.AccessLog;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput and memory of {@code ratelimit recommend} on a 1,000,000-line log made by repeating a real nginx
 * log with shifted times. Prints lines/s of the profiling pass (plain and gzip), the replay time, the ratio to
 * the lab's regex parser ({@link AccessLog}) on the same file, and the smallest heap (-Xmx) a forked CLI run
 * completes in. Run with {@code ./mvnw -Pbench verify -Dtest=RecommendBenchTest}.
 */
@Tag("bench")
class RecommendBenchTest {
    static final int LINES = 1_000_000;
    private static final Pattern TIME = Pattern.compile("\\[([^\\]]+)\\]");
    private static final DateTimeFormatter FMT = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    @TempDir
    Path dir;

    /** Repeats {@code real} with each copy shifted past the previous one, until {@code lines} lines. */
    static Path repeat(Path real, Path out, int lines) throws Exception {
        List<String> src = Files.readAllLines(real);
        List<Long> times = new ArrayList<>();
        List<String[]> parts = new ArrayList<>();
        for (String l : src) {
            Matcher m = TIME.matcher(l);
            if (!m.find()) {
                throw new IllegalStateException("no time in " + l);
            }
            times.add(OffsetDateTime.parse(m.group(1), FMT).toEpochSecond());
            parts.add(new String[] {l.substring(0, m.start(1)), l.substring(m.end(1))});
        }
        long first = times.stream().mapToLong(Long::longValue).min().orElseThrow();
        long span = times.stream().mapToLong(Long::longValue).max().orElseThrow() - first + 1;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            int n = 0;
            for (long copy = 0; n < lines; copy++) {
                for (int i = 0; i < src.size() && n < lines; i++, n++) {
                    long t = times.get(i) + copy * span;
                    w.write(parts.get(i)[0]);
                    w.write(FMT.format(Instant.ofEpochSecond(t).atOffset(ZoneOffset.UTC)));
                    w.write(parts.get(i)[1]);
                    w.write('\n');
                }
            }
        }
        return out;
    }

    @Test
    void profilesAMillionLinesInBoundedMemory() throws Exception {
        Path real = NginxLogs.produce(dir.resolve("nginx"));
        Path big = repeat(real, dir.resolve("big.log"), LINES);
        Path gz = dir.resolve("big.log.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
            Files.copy(big, o);
        }
        RecommendOptions o = RecommendOptions.defaults().withWindows(List.of(1L, 60L));
        LimitRecommender rec = new LimitRecommender(TimeSource.system());
        for (int i = 0; i < 3; i++) {
            rec.run(big, o, null);  // warm-up
        }
        RecommendReport plain = best(rec, big, o);
        RecommendReport gzip = best(rec, gz, o);
        assertThat(plain.scan().used()).isEqualTo(LINES);
        assertThat(plain.allTight()).isTrue();
        double plainRate = LINES / (plain.profileNanos() / 1e9);
        double gzRate = LINES / (gzip.profileNanos() / 1e9);
        // the peer in the same run: the lab's regex parser reading the same file (no profile at all)
        long peer = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            AccessLog.Parsed p = AccessLog.read(big);
            peer = Math.min(peer, System.nanoTime() - t0);
            assertThat(p.entries()).hasSize(LINES);
        }
        double peerRate = LINES / (peer / 1e9);
        System.out.printf(Locale.ROOT, "[bench] recommend: %,d lines (%d keys, %.1f MB, real nginx log of %d lines"
                        + " repeated)%n", LINES, plain.profile().keyCount(), Files.size(big) / 1e6,
                Files.readAllLines(real).size());
        System.out.printf(Locale.ROOT, "[bench]   profile pass plain: %,.0f lines/s; gzip: %,.0f lines/s%n",
                plainRate, gzRate);
        System.out.printf(Locale.ROOT, "[bench]   replay through %d limiters: %.2f s (%,.0f decisions/s)%n",
                2 * plain.recommendations().size(), plain.replayNanos() / 1e9,
                LINES * 2.0 * plain.recommendations().size() / (plain.replayNanos() / 1e9));
        System.out.printf(Locale.ROOT, "[bench]   peer: lab AccessLog.read (regex, in memory): %,.0f lines/s;"
                + " profile pass / peer = %.2fx%n", peerRate, plainRate / peerRate);
        for (String xmx : List.of("16m", "32m", "64m")) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"), "dev.bulwark.app.Main", "ratelimit",
                    "recommend", big.toString(), "--format", "json", "--window", "1s,1m")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("fork-" + xmx + ".err").toFile());
            Process p = pb.start();
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            String err = Files.readString(dir.resolve("fork-" + xmx + ".err"));
            String figures = err.lines().filter(l -> l.startsWith("profiled")).findFirst().orElse(err.strip());
            System.out.printf(Locale.ROOT, "[bench]   forked CLI with -Xmx%s: exit %d; %s%n", xmx, p.exitValue(),
                    figures.length() > 300 ? figures.substring(0, 300) : figures);
            if (xmx.equals("64m")) {
                assertThat(p.exitValue()).as(err).isZero();
            }
        }
    }

    private static RecommendReport best(LimitRecommender rec, Path log, RecommendOptions o) throws Exception {
        RecommendReport best = null;
        for (int i = 0; i < 3; i++) {
            RecommendReport r = rec.run(log, o, null);
            if (best == null || r.profileNanos() < best.profileNanos()) {
                best = r;
            }
        }
        return best;
    }

    @Test
    void theRepeatedLogKeepsTheRealLinesAndShiftsTheirTimes() throws Exception {
        Path real = TestLogs.write(dir.resolve("real.log"), List.of(TestLogs.at("a", 0), TestLogs.at("b", 2)));
        Path big = repeat(real, dir.resolve("r.log"), 5);
        RecommendReport r = new LimitRecommender(new ManualTimeSource(0)).run(big, RecommendOptions.defaults(), null);
        assertThat(r.scan().used()).isEqualTo(5);
        assertThat(r.scan().lastSecond() - r.scan().firstSecond()).isEqualTo(2 * 3 + 0);
    }
}
