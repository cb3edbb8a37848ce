package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testsupport.ChildCli;
import dev.bulwark.testsupport.CliRun;
import dev.bulwark.testsupport.RedisServerSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: {@code ratelimit simulate --redis URI --key-prefix P} in two real processes at once, in real time on
 * one key, as two services behind a load balancer. Sharing a prefix, their allowed requests together stay within
 * capacity + rate x elapsed (elapsed from the first decision asked for to the last answered, from their
 * per-decision logs on the host's wall clock); with different prefixes each gets the whole limit.
 */
class SharedPrefixProcessTest {
    private static final long CAPACITY = 20;
    private static final double RATE = 50;  // per second
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What one process reported: its totals on stdout and its decision log. */
    private record Run(long allowedTotal, long offeredTotal, List<String[]> rows) {
        long allowedInLog() {
            return rows.stream().filter(r -> r[6].equals("true")).count();
        }

        long firstIssued() {
            return rows.stream().mapToLong(r -> Long.parseLong(r[0])).min().orElseThrow();
        }

        long lastAnswered() {
            return rows.stream().mapToLong(r -> Long.parseLong(r[1])).max().orElseThrow();
        }
    }

    private Path scenario() throws Exception {
        Path f = dir.resolve("lb.yaml");
        // 200 requests/s on one key for 4 s per process: far above the 50/s the limit lets through
        Files.writeString(f, """
                name: behind-a-load-balancer
                duration: 4s
                clients:
                  - {name: svc, count: 4, key: shared, traffic: {type: constant, rate: 50}}
                limiters:
                  - {name: api, strategy: token-bucket, capacity: %d, rate: %d, period: 1s}
                """.formatted(CAPACITY, (long) RATE));
        return f;
    }

    private List<Run> twoProcesses(String prefixA, String prefixB) throws Exception {
        Path s = scenario();
        CompletableFuture<Run> a = CompletableFuture.supplyAsync(() -> process(s, prefixA, "a"),
                Thread::startVirtualThread);
        CompletableFuture<Run> b = CompletableFuture.supplyAsync(() -> process(s, prefixB, "b"),
                Thread::startVirtualThread);
        return List.of(a.join(), b.join());
    }

    private Run process(Path scenario, String prefix, String name) {
        try {
            Path home = Files.createDirectories(dir.resolve("home-" + name));
            Path log = dir.resolve("decisions-" + name + ".csv");
            ChildCli.Result r = ChildCli.withHome(home).run(Duration.ofSeconds(90), "ratelimit", "simulate",
                    scenario.toString(), "--redis", RedisServerSupport.uri(), "--key-prefix", prefix,
                    "--decision-log", log.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode totals = JSON.readTree(r.out()).get(0);
            List<String[]> rows = Files.readAllLines(log).stream().skip(1).map(l -> l.split(",")).toList();
            return new Run(totals.get("allowed").asLong(), totals.get("offered").asLong(), rows);
        } catch (Exception e) {
            throw new IllegalStateException("process " + name + " failed", e);
        }
    }

    private static void assertLogsAgree(Run r) {
        assertThat(r.rows()).hasSize((int) r.offeredTotal());
        assertThat(r.allowedInLog()).as("the decision log and the totals agree").isEqualTo(r.allowedTotal());
        assertThat(r.rows()).allSatisfy(row -> assertThat(row[8]).isIn("ALLOWED", "RATE_LIMITED"));
    }

    @Test
    void processesSharingAPrefixTogetherStayWithinTheLimit() throws Exception {
        String prefix = "bulwark-test:lb:" + UUID.randomUUID() + ":";
        List<Run> runs = twoProcesses(prefix, prefix);
        runs.forEach(SharedPrefixProcessTest::assertLogsAgree);
        Run a = runs.get(0);
        Run b = runs.get(1);
        long first = Math.min(a.firstIssued(), b.firstIssued());
        long last = Math.max(a.lastAnswered(), b.lastAnswered());
        double elapsedSeconds = (last - first) / 1e6;
        long allowed = a.allowedTotal() + b.allowedTotal();
        double bound = CAPACITY + RATE * elapsedSeconds;
        // the runs overlapped (JVM start-up differs), or the test would prove nothing
        long overlapMicros = Math.min(a.lastAnswered(), b.lastAnswered()) - Math.max(a.firstIssued(), b.firstIssued());
        assertThat(overlapMicros).as("the two processes ran at the same time").isGreaterThan(2_000_000);
        assertThat((double) allowed).as("allowed by both, within capacity + rate x %.3f s", elapsedSeconds)
                .isLessThanOrEqualTo(bound);
        // and the limit was used, not refused wholesale: at least the refill over the shorter run
        assertThat(allowed).isGreaterThan((long) (RATE * 3));
        assertThat(a.allowedTotal()).isPositive();
        assertThat(b.allowedTotal()).isPositive();
    }

    @Test
    void differentPrefixesShareNothing() throws Exception {
        List<Run> runs = twoProcesses("bulwark-test:lb:" + UUID.randomUUID() + ":",
                "bulwark-test:lb:" + UUID.randomUUID() + ":");
        for (Run r : runs) {
            assertLogsAgree(r);
            double elapsed = (r.lastAnswered() - r.firstIssued()) / 1e6;
            assertThat((double) r.allowedTotal()).isLessThanOrEqualTo(CAPACITY + RATE * elapsed);
            // each had the whole limit to itself: capacity plus most of four seconds of refill
            assertThat(r.allowedTotal()).isGreaterThanOrEqualTo(CAPACITY + (long) (RATE * 3.5));
        }
    }

    @Test
    void aBadPrefixIsRefusedInOneLine() throws Exception {
        Path s = scenario();
        CliRun braces = CliRun.of("ratelimit", "simulate", s.toString(), "--redis", RedisServerSupport.uri(),
                "--key-prefix", "shop:{api}:");
        assertThat(braces.code()).isEqualTo(2);
        assertThat(braces.err().lines()).containsExactly("bulwark ratelimit simulate: --key-prefix: key prefix"
                + " 'shop:{api}:' contains '{': braces delimit the hash tag that keeps a decision's keys in one"
                + " cluster slot");
        CliRun space = CliRun.of("ratelimit", "simulate", s.toString(), "--redis", RedisServerSupport.uri(),
                "--key-prefix", "shop api");
        assertThat(space.code()).isEqualTo(2);
        assertThat(space.err()).startsWith("bulwark ratelimit simulate: --key-prefix: key prefix contains a space at"
                + " position 5");
        CliRun noRedis = CliRun.of("ratelimit", "simulate", s.toString(), "--key-prefix", "shop:");
        assertThat(noRedis.code()).isEqualTo(2);
        assertThat(noRedis.err().lines()).containsExactly("bulwark ratelimit simulate: --key-prefix needs --redis");
    }
}
