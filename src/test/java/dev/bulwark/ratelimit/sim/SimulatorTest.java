package dev.bulwark.ratelimit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.memory.InMemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario files through the simulator in virtual time. */
class SimulatorTest {
    @TempDir
    Path dir;

    private static final String COMPARE = """
            name: compare
            seed: 42
            duration: 120s
            clients:
              - name: users
                count: 20
                key: per-client
                traffic: {type: poisson, rate: 15}
                operations: {read: 9, export: 1}
              - name: burster
                count: 1
                traffic: {type: onoff, rate: 100, on: 1500ms, off: 3s}
            costs:
              default: 1
              rules:
                - {operation: export, cost: 5}
            limiters:
              - {name: tb, strategy: token-bucket, capacity: 20, rate: 10, period: 1s}
              - {name: gcra, strategy: gcra, burst: 20, rate: 10, period: 1s}
              - {name: fixed, strategy: fixed-window, limit: 10, window: 1s}
              - {name: sliding, strategy: sliding-window, limit: 10, window: 1s}
              - {name: log, strategy: sliding-log, limit: 10, window: 1s}
              - {name: leaky, strategy: leaky-bucket, capacity: 20, rate: 10, period: 1s}
              - {name: interval, strategy: token-bucket, capacity: 20, rate: 10, period: 1s, refill: interval}
            """;

    private Scenario load(String name, String yaml) throws IOException, ScenarioException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return new ScenarioLoader().load(f).scenario();
    }

    private static SimulationResult run(Scenario s, SimulationListener l) throws IOException {
        try (Simulator sim = new Simulator(TimeSource.system())) {
            return sim.run(s, SimulationMode.VIRTUAL, new InMemoryBackend(100_000), l);
        }
    }

    private static LimiterResult named(SimulationResult r, String name) {
        return r.limiters().stream().filter(l -> l.limiter().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void virtualTimeIsDeterministicForASeed() throws Exception {
        Scenario s = load("c.yaml", COMPARE);
        SimulationResult a = run(s, SimulationListener.none());
        SimulationResult b = run(s, SimulationListener.none());
        for (int i = 0; i < a.limiters().size(); i++) {
            LimiterResult x = a.limiters().get(i);
            LimiterResult y = b.limiters().get(i);
            assertThat(y.series()).isEqualTo(x.series());
            assertThat(y.clients()).isEqualTo(x.clients());
            assertThat(y.maxInWindow()).isEqualTo(x.maxInWindow());
        }
        SimulationResult other = run(load("d.yaml", COMPARE.replace("seed: 42", "seed: 43")), SimulationListener.none());
        assertThat(other.limiters().getFirst().series()).isNotEqualTo(a.limiters().getFirst().series());
    }

    @Test
    void everyStrategySeesTheSameTrafficAndStaysWithinItsBound() throws Exception {
        SimulationResult r = run(load("c.yaml", COMPARE), SimulationListener.none());
        long offered = r.limiters().getFirst().offered();
        // 20 users x 15/s x 120 s plus the burster's ~100/s for 1.5 s of every 4.5 s
        assertThat(offered).isBetween(36_000L + 3_000L, 36_000L + 6_000L);
        for (LimiterResult l : r.limiters()) {
            assertThat(l.offered()).isEqualTo(offered);
            assertThat(l.allowed() + l.rejected()).isEqualTo(l.offered());
            assertThat(l.series()).hasSize(120);
            assertThat(l.series().stream().mapToLong(SecondSample::offered).sum()).isEqualTo(offered);
            // one request in 16 is timed, on every limiter alike
            assertThat(l.latencySamples()).isEqualTo(r.limiters().getFirst().latencySamples()).isPositive();
            assertThat(l.jain()).isBetween(0.0, 1.0);
        }
        // token bucket: burst + rate x window; log: never above the limit
        assertThat(named(r, "tb").maxInWindow()).isLessThanOrEqualTo(20 + 10);
        assertThat(named(r, "log").maxInWindow()).isLessThanOrEqualTo(10);
        assertThat(named(r, "log").note()).isEmpty();
        // GCRA models the token bucket exactly
        assertThat(named(r, "gcra").series().stream().map(SecondSample::allowed).toList())
                .isEqualTo(named(r, "tb").series().stream().map(SecondSample::allowed).toList());
        // the fixed window lets a client through twice at a boundary, and the report says so
        LimiterResult fixed = named(r, "fixed");
        assertThat(fixed.maxInWindow()).isGreaterThan(10).isLessThanOrEqualTo(20);
        assertThat(fixed.note()).contains("boundary burst");
    }

    @Test
    void jainsIndexMeasuresHowEvenlyClientsAreSatisfied() throws Exception {
        String yaml = """
                seed: 7
                duration: 60s
                clients:
                  - {name: heavy, count: 1, key: per-client, traffic: {type: constant, rate: 50}}
                  - {name: light, count: 5, key: per-client, traffic: {type: constant, rate: 2}}
                limiters:
                  - {name: tb, strategy: token-bucket, capacity: 10, rate: 10, period: 1s}
                """;
        // own keys: the light clients get all they ask (1.0), the heavy one about a fifth (0.2):
        // J = (5 + 0.2)^2 / (6 * (5 + 0.04)) = 0.894
        LimiterResult own = run(load("p.yaml", yaml), SimulationListener.none()).limiters().getFirst();
        assertThat(own.jain()).isCloseTo(0.894, org.assertj.core.data.Offset.offset(0.01));
        LimiterResult equal = run(load("e.yaml", yaml.replace("rate: 50", "rate: 2")), SimulationListener.none())
                .limiters().getFirst();
        assertThat(equal.jain()).isEqualTo(1.0);
    }

    @Test
    void listenerReceivesEverySecondOfEveryLimiterInOrder() throws Exception {
        List<SecondSample> seen = new ArrayList<>();
        SimulationResult r = run(load("c.yaml", COMPARE), seen::add);
        assertThat(seen).hasSize(120 * 7);
        assertThat(seen.get(7 * 5).second()).isEqualTo(5);
        assertThat(seen.subList(0, 7)).isEqualTo(r.limiters().stream().map(l -> l.series().getFirst()).toList());
    }

    @Test
    void replaysAnAccessLogKeyedByIpWithCostRulesAndReportsBadLines() throws Exception {
        Path log = dir.resolve("access.log");
        try (var in = SimulatorTest.class.getResourceAsStream("/ratelimit/access.log")) {
            Files.copy(in, log);
        }
        String yaml = """
                duration: 10s
                clients:
                  - {name: log, traffic: {type: replay, file: access.log, keyBy: ip}}
                costs: {rules: [{pathPrefix: /export, cost: 3}]}
                limiters:
                  - {name: tb, strategy: token-bucket, capacity: 4, rate: 1, period: 1h}
                """;
        SimulationResult r = run(load("r.yaml", yaml), SimulationListener.none());
        LimiterResult tb = r.limiters().getFirst();
        assertThat(tb.offered()).isEqualTo(7);
        assertThat(tb.clients()).extracting(ClientResult::client).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        // 10.0.0.1: 3 requests of cost 1 all fit; 10.0.0.2: exports cost 3, only the first fits in 4
        assertThat(tb.clients()).containsExactly(new ClientResult("10.0.0.1", 3, 3),
                new ClientResult("10.0.0.2", 3, 1), new ClientResult("10.0.0.3", 1, 1));
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("access.log:4:"))
                .anyMatch(w -> w.startsWith("access.log:8:") && w.contains("timestamp"));
    }

    @Test
    void badLimitersAreSkippedWithTheFileAndFieldNamedAndTheRestRuns() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                duration: 5s
                clients:
                  - {name: u, count: 2, traffic: {type: poisson, rate: 5}}
                  - {name: v, count: 2, traffic: {type: warp, rate: 5}}
                  - {name: w, count: lots, traffic: {type: poisson, rate: 5}}
                limiters:
                  - {name: ok, strategy: fixed-window, limit: 5, window: 1s}
                  - {name: zero, strategy: token-bucket, capacity: 0, rate: 1, period: 1s}
                  - {name: what, strategy: bogus-bucket, capacity: 3}
                  - {name: frac, strategy: gcra, burst: 2.5, rate: 1}
                  - {name: typo, strategy: fixed-window, limt: 5, limit: 3}
                  - {name: many, strategy: fixed-window, limit: 3, window: 1s}
                  - {name: wrong, strategy: fixed-window, limit: 3, window: 1s}
                """.replace("  - {name: many", "  - {name: many, count: many"));
        ScenarioLoader.Loaded loaded = new ScenarioLoader().load(f);
        assertThat(loaded.scenario().limiters()).extracting(l -> l.name()).containsExactly("ok", "typo", "many", "wrong");
        assertThat(loaded.warnings()).anyMatch(w -> w.startsWith("bad.yaml: limiters[1]") && w.contains("capacity"))
                .anyMatch(w -> w.startsWith("bad.yaml: limiters[2].strategy") && w.contains("bogus-bucket"))
                .anyMatch(w -> w.startsWith("bad.yaml: limiters[3].burst"))
                .anyMatch(w -> w.startsWith("bad.yaml: clients[1].traffic.type") && w.contains("warp"))
                .anyMatch(w -> w.startsWith("bad.yaml: limiters[4].limt: unknown field"))
                .anyMatch(w -> w.startsWith("bad.yaml: limiters[5].count: unknown field"))
                .anyMatch(w -> w.startsWith("bad.yaml: clients[2].count: expected a whole number"));
        assertThat(loaded.scenario().clients()).extracting(ClientGroup::name).containsExactly("u");
        assertThat(run(loaded.scenario(), SimulationListener.none()).limiters()).hasSize(4);
    }

    @Test
    void unusableScenariosFailWithEveryProblemListed() throws IOException {
        Path f = dir.resolve("empty.json");
        Files.writeString(f, "{\"duration\": \"soon\", \"clients\": [], \"limiters\": []}");
        assertThatThrownBy(() -> new ScenarioLoader().load(f)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("empty.json: duration").hasMessageContaining("empty.json: clients")
                .hasMessageContaining("empty.json: limiters");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "clients: [unclosed\n");
        assertThatThrownBy(() -> new ScenarioLoader().load(broken)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("broken.yaml: not valid YAML");
    }

    /** The example in the sim package documentation (copied to test resources) loads cleanly and runs. */
    @Test
    void theDocumentedExampleRunsAsWritten() throws Exception {
        Path f = dir.resolve("example-scenario.yaml");
        try (var in = SimulatorTest.class.getResourceAsStream("/ratelimit/example-scenario.yaml")) {
            Files.copy(in, f);
        }
        ScenarioLoader.Loaded loaded = new ScenarioLoader().load(f);
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.scenario().limiters()).hasSize(6);
        assertThat(loaded.scenario().costs().costOf("export", null)).isEqualTo(10);
        SimulationResult r = run(loaded.scenario(), SimulationListener.none());
        assertThat(r.limiters()).allSatisfy(l -> assertThat(l.offered()).isPositive());
    }
}
