package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testsupport.CliRun;
import dev.bulwark.testsupport.RedisServerSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark ratelimit simulate} end to end through the real command tree. */
class RateLimitCliTest {
    @TempDir
    Path dir;


    private Path scenario(String seconds) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                name: cli
                seed: 3
                duration: %s
                clients:
                  - {name: u, count: 5, traffic: {type: poisson, rate: 20}}
                limiters:
                  - {name: tb, strategy: token-bucket, capacity: 10, rate: 10, period: 1s}
                  - {name: fw, strategy: fixed-window, limit: 10, window: 1s}
                  - {name: broken, strategy: token-bucket, capacity: -1}
                """.formatted(seconds));
        return f;
    }

    @Test
    void simulatePrintsJsonTotalsAndWritesTheSeries() throws Exception {
        Path series = dir.resolve("out/series.csv");
        Path clients = dir.resolve("out/clients.csv");
        CliRun r = CliRun.of("ratelimit", "simulate", scenario("30s").toString(), "--series", series.toString(),
                "--client-series", clients.toString(), "--top-clients", "3", "--format", "csv");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("strategy,limiter,offered,allowed,rejected,max_in_window,jain,p50_us,p99_us");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("token-bucket,tb,");
        assertThat(r.err()).contains("warning: s.yaml: limiters[2]").contains("decisions/s");
        List<String> seriesLines = Files.readAllLines(series);
        assertThat(seriesLines).hasSize(1 + 2 * 30).first()
                .isEqualTo("limiter,second,offered,allowed,rejected,allowed_cost,max_in_window,seconds");
        List<String> clientLines = Files.readAllLines(clients);
        assertThat(clientLines.getFirst()).isEqualTo("limiter,second,client,rank,offered,allowed,rejected,seconds");
        // per limiter and second: 3 busiest of the 5 clients, then the other 2 summed, adding up to the series
        for (String row : seriesLines.subList(1, seriesLines.size())) {
            String[] f = row.split(",");
            List<String[]> parts = clientLines.stream().skip(1).map(l -> l.split(","))
                    .filter(c -> c[0].equals(f[0]) && c[1].equals(f[1])).toList();
            assertThat(parts.stream().filter(c -> !c[3].equals("0")).map(c -> c[3]))
                    .as(row).containsExactly("1", "2", "3");
            assertThat(parts.stream().mapToLong(c -> Long.parseLong(c[4])).sum()).as(row)
                    .isEqualTo(Long.parseLong(f[2]));
            assertThat(parts.stream().mapToLong(c -> Long.parseLong(c[5])).sum()).as(row)
                    .isEqualTo(Long.parseLong(f[3]));
        }
        assertThat(clientLines).anyMatch(l -> l.contains(",(other clients),0,"));

        CliRun json = CliRun.of("ratelimit", "simulate", scenario("30s").toString(), "--live");
        assertThat(json.err().lines().filter(l -> l.startsWith("second ")).count()).isEqualTo(2 * 30);
        assertThat(json.code()).isZero();
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows).hasSize(2);
        for (String field : List.of("strategy", "offered", "allowed", "rejected", "max_in_window", "jain", "p50_us",
                "p99_us")) {
            assertThat(rows.get(0).has(field)).as(field).isTrue();
        }
        assertThat(rows.get(0).get("allowed").asLong() + rows.get(0).get("rejected").asLong())
                .isEqualTo(rows.get(0).get("offered").asLong());
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhy() throws Exception {
        CliRun missing = CliRun.of("ratelimit", "simulate", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml").contains("cannot read");
        CliRun top = CliRun.of("ratelimit", "simulate", scenario("1s").toString(), "--top-clients", "-1");
        assertThat(top.code()).isEqualTo(2);
        assertThat(top.err()).contains("--top-clients must be 0 or more");
        CliRun fmt = CliRun.of("ratelimit", "simulate", scenario("1s").toString(), "--format", "xml");
        assertThat(fmt.code()).isEqualTo(2);
        assertThat(fmt.err()).contains("--format");
    }

    @Test
    void simulateAgainstRedisRunsInRealTime() throws Exception {
        CliRun r = CliRun.of("ratelimit", "simulate", scenario("2s").toString(), "--redis", RedisServerSupport.uri());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows.get(0).get("offered").asLong()).isPositive();
        assertThat(rows.get(0).get("allowed").asLong()).isPositive();
        assertThat(rows.get(0).get("p50_us").asDouble()).isPositive();
        assertThat(r.err()).contains("real-time on redis").doesNotContain("Redis errors");
    }

    @Test
    void benchComparesWithBucket4jInProcessAndPointsToTheJmhComparison() {
        CliRun r = CliRun.of("ratelimit", "bench", "--seconds", "0.05", "--samples", "3");
        assertThat(r.code()).as(r.err()).isZero();
        java.util.List<String> peers = r.out().lines().filter(l -> l.contains("Bucket4j") && l.contains(" ratio ")).toList();
        assertThat(peers).hasSize(4).allMatch(l -> l.startsWith("in-memory token bucket"))
                .allMatch(l -> l.contains("(median of 3; ratios "))
                .allMatch(l -> l.matches(".*ratio \\d+\\.\\d\\d$"));
        assertThat(r.out().lines().filter(l -> l.endsWith("decisions/s")).toList())
                .anyMatch(l -> l.startsWith("simulator, virtual time"));
        assertThat(r.out()).contains("-Pbench verify");
        assertThat(CliRun.of("ratelimit", "bench", "--seconds", "0").code()).isEqualTo(2);
        CliRun noSamples = CliRun.of("ratelimit", "bench", "--samples", "0");
        assertThat(noSamples.code()).isEqualTo(2);
        assertThat(noSamples.err()).isEqualTo("bulwark ratelimit bench: --samples must be 1 to 101, was 0"
                + System.lineSeparator());
    }
}
