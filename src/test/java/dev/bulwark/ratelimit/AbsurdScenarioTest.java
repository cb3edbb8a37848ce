package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.ratelimit.memory.InMemoryBackend;
import dev.bulwark.ratelimit.sim.LimiterResult;
import dev.bulwark.ratelimit.sim.ScenarioLoader;
import dev.bulwark.ratelimit.sim.SecondSample;
import dev.bulwark.ratelimit.sim.SimulationListener;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.testsupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, hole 7: absurd scenarios are refused by the loader's documented limits (field and limit named, exit
 * 2, at once), a legal but large run reports progress and stops on Ctrl-C with the totals reached, and the kept
 * series does not grow with the duration.
 */
class AbsurdScenarioTest {
    @TempDir
    Path dir;


    private Path scenario(String name, String duration, String count, String rate) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, """
                name: absurd
                duration: %s
                clients:
                  - {name: u, count: %s, traffic: {type: poisson, rate: %s}}
                limiters:
                  - {name: tb, strategy: token-bucket, capacity: 10, rate: 10, period: 1s}
                """.formatted(duration, count, rate));
        return f;
    }

    /** The reproductions of the issue: each one is refused in well under a second, never exit 1, never a crash. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "876000h | 1        | 1    | duration: 876000h is over the limit of 7 days (168h)",
        "87600h  | 1        | 1    | duration: 87600h is over the limit of 7 days (168h)",
        "1s      | 1        | 1e12 | clients[0].traffic.rate: 1,000,000,000,000 requests/s per client is over the limit of 1,000,000",
        "60s     | 10000000 | 1    | clients[0].count: 10,000,000 clients is over the limit of 50,000 clients per scenario",
        "1h      | 50000    | 10   | clients: about 1,800,000,000 requests offered"})
    void absurdScenariosAreRefusedNamingTheFieldAndTheLimit(String duration, String count, String rate, String error)
            throws Exception {
        Path f = scenario("absurd.yaml", duration, count, rate);
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CliRun.of("ratelimit", "simulate", f.toString()));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as(r.err())
                .anyMatch(l -> l.startsWith("error: absurd.yaml: " + error))
                .allMatch(l -> l.startsWith("error: absurd.yaml: "));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void longRunsKeepABoundedSeriesThatStillAddsUp() throws Exception {
        // three hours of one slow client: 10,800 seconds, more than the series keeps point by point
        Path f = scenario("long.yaml", "3h", "1", "0.5");
        var scenario = new ScenarioLoader().load(f).scenario();
        List<SecondSample> live = new ArrayList<>();
        SimulationResult r;
        try (Simulator sim = new Simulator(TimeSource.system())) {
            r = sim.run(scenario, SimulationMode.VIRTUAL, new InMemoryBackend(1000), live::add);
        }
        assertThat(live).hasSize(10_800);  // the listener still sees every second as it closes
        LimiterResult tb = r.limiters().getFirst();
        // at most 3,600 points (ScenarioLimits.MAX_SERIES_POINTS): here each covers 4 seconds, all adding up
        assertThat(tb.series()).hasSize(2_700);
        assertThat(tb.series().stream().mapToLong(SecondSample::offered).sum()).isEqualTo(tb.offered());
        assertThat(tb.series().stream().mapToLong(SecondSample::allowed).sum()).isEqualTo(tb.allowed());
        for (int i = 0; i < tb.series().size(); i++) {
            assertThat(tb.series().get(i).second()).isEqualTo(4 * i);
        }
        Path series = dir.resolve("series.csv");
        CliRun cli = CliRun.of("ratelimit", "simulate", f.toString(), "--format", "csv", "--series", series.toString());
        assertThat(cli.code()).as(cli.err()).isZero();
        List<String> rows = Files.readAllLines(series);
        assertThat(rows.getFirst()).endsWith(",seconds");
        assertThat(rows).hasSize(1 + tb.series().size());
        assertThat(rows.get(1)).startsWith("tb,0,").endsWith(",4");
    }

    /** In a child JVM, as a user runs it: progress on stderr, then SIGTERM (as Ctrl-C) prints the totals reached. */
    @Test
    void aLegalButLargeRunShowsProgressAndStopsWithTheTotalsSoFar() throws Exception {
        // 900,000,000 requests: under the limit, minutes of work
        Path f = scenario("large.yaml", "1h", "250", "1000");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.bulwark.app.Main",
                "ratelimit", "simulate", f.toString()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("BULWARK_HOME", home.toString());
        Process p = pb.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(err).contains("progress: ") || !p.isAlive());
            String progress = Files.readAllLines(err).stream().filter(l -> l.startsWith("progress: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no progress line on stderr: " + read(err)));
            assertThat(progress).matches("progress: [\\d,]+ of 3,600 s simulated \\(\\d+\\.\\d%\\), [\\d,]+"
                    + " decisions in \\d+ s; Ctrl-C stops and prints the totals so far");
            p.destroy();  // SIGTERM: the JVM shuts down as on Ctrl-C
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(Files.readAllLines(err)).as("stderr").anyMatch(l -> l.matches("stopped after \\d+ of 3600 s:"
                + " the totals cover those seconds \\(the last one partly\\)"));
        JsonNode totals = new ObjectMapper().readTree(out.toFile());
        assertThat(totals.get(0).get("limiter").asText()).isEqualTo("tb");
        assertThat(totals.get(0).get("offered").asLong()).isPositive();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
