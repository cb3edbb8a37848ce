package dev.bulwark.ui.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.Refill;
import dev.bulwark.ratelimit.memory.InMemoryBackend;
import dev.bulwark.ratelimit.sim.LimiterResult;
import dev.bulwark.ratelimit.sim.ResultWriter;
import dev.bulwark.ratelimit.sim.Scenario;
import dev.bulwark.ratelimit.sim.ScenarioLoader;
import dev.bulwark.ratelimit.sim.SecondSample;
import dev.bulwark.ratelimit.sim.SimulationListener;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.ratelimit.sim.Simulator;
import dev.bulwark.testsupport.RedisServerSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view-model against the real simulator, real files and a real (closed) socket on 127.0.0.1. */
class RateLimiterViewModelTest {
    @TempDir
    Path dir;

    private final VmHarness h = new VmHarness();
    private final RateLimiterViewModel vm = h.vm;
    private final ScenarioForm form = vm.form();

    @AfterEach
    void close() {
        h.close();
    }

    /** One bursty client against a token bucket and a fixed window of 10 per second. */
    private void boundaryScenario() {
        h.fx.run(() -> {
            form.nameProperty().set("boundary");
            form.durationProperty().set("20s");
            form.seedProperty().set("7");
            form.clients().setAll(new ClientRow("burst", "1", "per-client", "onoff rate=100 on=1s off=1.5s", ""),
                    new ClientRow("users", "5", "shared", "poisson rate=2", "read=9, export=1"));
            form.costRulesProperty().set("export=3");
            form.limiters().setAll(new LimiterRow("tb", Algorithm.TOKEN_BUCKET, "10", "10", "1s", Refill.GREEDY),
                    new LimiterRow("fixed", Algorithm.FIXED_WINDOW, "10", "10", "1s", Refill.GREEDY));
        });
    }

    private void runToCompletion() {
        assertThat(h.fx.call(vm::run)).as("run started; problems %s", h.fx.call(() -> List.copyOf(vm.problems())))
                .isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> !h.fx.call(() -> vm.runningProperty().get()));
    }

    @Test
    void invalidFieldsGetMessagesNextToThemAndDoNotRun() {
        h.fx.run(() -> {
            form.durationProperty().set("soon");
            form.seedProperty().set("x1");
            form.clients().get(0).countProperty().set("many");
            form.clients().get(1).trafficProperty().set("rate=2");
            form.clients().add(new ClientRow("typo", "1", "per-client", "poisson rte=2", ""));
            form.limiters().get(0).capacityProperty().set("0");
            form.costRulesProperty().set("export");
            form.useRedisProperty().set(true);
        });
        assertThat(h.fx.call(vm::run)).isFalse();
        h.fx.run(() -> {
            assertThat(form.durationErrorProperty().get()).contains("duration").contains("soon");
            assertThat(form.seedErrorProperty().get()).contains("seed").contains("integer");
            assertThat(form.clients().get(0).errorProperty().get()).contains("count").contains("many");
            assertThat(form.clients().get(1).errorProperty().get()).startsWith("traffic:").contains("type");
            assertThat(form.clients().get(2).errorProperty().get()).contains("rte").contains("unknown field");
            assertThat(form.limiters().get(0).errorProperty().get()).contains("capacity: must be at least 1");
            assertThat(form.limiters().get(1).errorProperty().get()).isEmpty();
            assertThat(form.costsErrorProperty().get()).contains("name=number");
            assertThat(form.storeErrorProperty().get()).contains("real time");
            assertThat(vm.problems()).isNotEmpty();
            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.statusProperty().get()).startsWith("Fix the marked fields");
        });
    }

    /** Issue 11, hole 7: the lab's form gets the loader's limits next to the fields, as the CLI does. */
    @Test
    void scenarioLimitsAreShownNextToTheirFields() {
        h.fx.run(() -> {
            form.durationProperty().set("876000h");
            form.clients().get(0).countProperty().set("10000000");
            form.clients().get(1).trafficProperty().set("poisson rate=1e12");
            form.modeProperty().set(SimulationMode.REAL_TIME);
            form.useRedisProperty().set(true);
            form.redisUriProperty().set("redis://bob:s3cret@127.0.0.1:notaport");
        });
        assertThat(h.fx.call(vm::run)).isFalse();
        h.fx.run(() -> {
            assertThat(form.durationErrorProperty().get())
                    .isEqualTo("duration: 876000h is over the limit of 7 days (168h)");
            assertThat(form.clients().get(0).errorProperty().get())
                    .isEqualTo("count: 10,000,000 clients is over the limit of 50,000 clients per scenario");
            assertThat(form.clients().get(1).errorProperty().get()).isEqualTo(
                    "traffic.rate: 1,000,000,000,000 requests/s per client is over the limit of 1,000,000");
            assertThat(form.storeErrorProperty().get()).isEqualTo("Redis URI 'redis://***@127.0.0.1:notaport':"
                    + " the port 'notaport' is not a number from 1 to 65535");
            assertThat(vm.runningProperty().get()).isFalse();
        });
    }

    @Test
    void fixingAFieldClearsItsMessage() {
        h.fx.run(() -> form.limiters().get(1).periodProperty().set("1 fortnight"));
        assertThat(h.fx.call(() -> form.build(new ScenarioLoader(), null))).isEmpty();
        assertThat(h.fx.call(() -> form.limiters().get(1).errorProperty().get())).contains("window").contains("fortnight");
        h.fx.run(() -> form.limiters().get(1).periodProperty().set("500ms"));
        assertThat(h.fx.call(() -> form.build(new ScenarioLoader(), null))).isPresent();
        assertThat(h.fx.call(() -> form.errors())).isEmpty();
    }

    @Test
    void virtualRunShowsExactlyTheSimulatorsResultsAndTheBoundaryBurst() throws Exception {
        boundaryScenario();
        runToCompletion();
        Scenario scenario = h.fx.call(() -> form.build(new ScenarioLoader(), null)).orElseThrow().scenario();
        SimulationResult expected;
        try (Simulator sim = new Simulator(dev.bulwark.ratelimit.TimeSource.system())) {
            expected = sim.run(scenario, SimulationMode.VIRTUAL, new InMemoryBackend(1_000_000),
                    SimulationListener.none());
        }
        List<LimiterResult> shown = h.fx.call(() -> List.copyOf(vm.comparison()));
        assertThat(shown).hasSize(2);
        for (int i = 0; i < 2; i++) {
            LimiterResult a = shown.get(i);
            LimiterResult e = expected.limiters().get(i);
            assertThat(a.limiter()).isEqualTo(e.limiter());
            assertThat(List.of(a.offered(), a.allowed(), a.rejected(), a.maxInWindow()))
                    .isEqualTo(List.of(e.offered(), e.allowed(), e.rejected(), e.maxInWindow()));
            assertThat(a.jain()).isEqualTo(e.jain());
            assertThat(a.series()).isEqualTo(e.series());
            assertThat(a.clients()).isEqualTo(e.clients());
        }
        LimiterResult fixed = shown.get(1);
        assertThat(fixed.maxInWindow()).isGreaterThan(10).isLessThanOrEqualTo(20);
        h.fx.run(() -> {
            assertThat(vm.notesProperty().get()).contains("fixed: fixed-window boundary burst")
                    .contains("up to 2x is possible");
            List<SecondSample> all = expected.limiters().stream().flatMap(l -> l.series().stream()).toList();
            assertThat(vm.samples()).isEqualTo(all);
            assertThat(vm.progressProperty().get()).isEqualTo(1.0);
            assertThat(vm.statusProperty().get()).startsWith("Done: 20 s of 'boundary' (virtual time, memory)");
            assertThat(vm.limiterNames()).containsExactly("tb", "fixed");
            assertThat(vm.focusProperty().get()).isEqualTo("tb");
            assertThat(vm.clientResults()).isEqualTo(expected.limiters().get(0).clients());
            LimiterResult tb = expected.limiters().get(0);
            assertThat(vm.acceptPercentProperty().get()).isEqualTo(100.0 * tb.allowed() / tb.offered());
            vm.focusProperty().set("fixed");
            assertThat(vm.clientResults()).isEqualTo(expected.limiters().get(1).clients());
            assertThat(vm.decisionsPerSecondProperty().get()).isPositive();
        });
        assertThat(h.reported).isEmpty();
    }

    @Test
    void sameSeedSameResultsOtherSeedOtherTraffic() {
        boundaryScenario();
        runToCompletion();
        List<Long> first = h.fx.call(() -> vm.comparison().stream().map(LimiterResult::allowed).toList());
        runToCompletion();
        assertThat(h.fx.call(() -> vm.comparison().stream().map(LimiterResult::allowed).toList())).isEqualTo(first);
        long offered = h.fx.call(() -> vm.comparison().getFirst().offered());
        h.fx.run(() -> form.seedProperty().set("8"));
        runToCompletion();
        assertThat(h.fx.call(() -> vm.comparison().getFirst().offered())).isNotEqualTo(offered);
    }

    @Test
    void saveThenLoadRoundTripsTheScenarioInTheCliFormat() throws Exception {
        boundaryScenario();
        Path yaml = dir.resolve("boundary.yaml");
        assertThat(h.fx.call(() -> vm.save(yaml))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(yaml));
        assertThat(Files.readString(yaml)).contains("strategy: fixed-window").contains("limit: 10")
                .contains("window: 1s").contains("type: onoff");
        Scenario saved = new ScenarioLoader().load(yaml).scenario();
        assertThat(saved).isEqualTo(h.fx.call(() -> form.build(new ScenarioLoader(), null)).orElseThrow().scenario());

        try (VmHarness other = new VmHarness()) {
            other.fx.call(() -> other.vm.load(yaml)).get();
            await().until(() -> other.fx.call(() -> yaml.equals(other.vm.scenarioFileProperty().get())));
            other.fx.run(() -> {
                assertThat(other.vm.form().build(new ScenarioLoader(), null).orElseThrow().scenario())
                        .isEqualTo(saved);
                assertThat(other.vm.form().clients().get(0).trafficProperty().get())
                        .isEqualTo("onoff rate=100 on=1s off=1500ms");
                assertThat(other.vm.statusProperty().get()).isEqualTo("Loaded boundary.yaml.");
            });
        }
        Path json = dir.resolve("boundary.json");
        h.fx.call(() -> vm.save(json));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(json));
        assertThat(new ScenarioLoader().load(json).scenario()).isEqualTo(saved);
    }

    @Test
    void aBrokenFileIsReportedByFieldAndLeavesTheFormAlone() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nduration: 10s\nclients:\n  - {name: a, traffic: {type: poisson, rate: 1}}\n"
                + "limiters:\n  - {name: x, strategy: nope, capacity: 1}\n");
        String before = h.fx.call(() -> form.document().toString());
        try {
            h.fx.call(() -> vm.load(bad)).get();
        } catch (java.util.concurrent.ExecutionException expected) {
            // the failure is shown in the view-model, checked below
        }
        await().until(() -> h.fx.call(() -> !vm.problems().isEmpty()));
        h.fx.run(() -> {
            assertThat(vm.problems()).anySatisfy(p -> assertThat(p).contains("bad.yaml").contains("limiters[0].strategy"));
            assertThat(vm.statusProperty().get()).isEqualTo("Could not load bad.yaml; the form is unchanged.");
            assertThat(form.document().toString()).isEqualTo(before);
        });
    }

    @Test
    void exportsTotalsAndSeriesAsCsvAndJson() throws Exception {
        assertThat(h.fx.call(() -> vm.export(dir.resolve("none.csv"), ResultWriter.Format.CSV))).isFalse();
        boundaryScenario();
        runToCompletion();
        Path csv = dir.resolve("run.csv");
        assertThat(h.fx.call(() -> vm.export(csv, ResultWriter.Format.CSV))).isTrue();
        Path series = dir.resolve("run-series.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(series) && Files.exists(csv));
        List<String> totals = Files.readAllLines(csv);
        assertThat(totals.getFirst()).startsWith("strategy,limiter,offered,allowed,rejected,max_in_window,jain");
        assertThat(totals).hasSize(3);
        LimiterResult tb = h.fx.call(() -> vm.comparison().getFirst());
        assertThat(totals.get(1)).startsWith("token-bucket,tb," + tb.offered() + "," + tb.allowed() + ","
                + tb.rejected() + ",");
        assertThat(Files.readAllLines(series)).hasSize(1 + 2 * 20);
        List<String> clients = Files.readAllLines(dir.resolve("run-clients.csv"));
        assertThat(clients.getFirst()).isEqualTo("limiter,second,client,rank,offered,allowed,rejected,seconds");
        assertThat(clients.stream().skip(1).filter(l -> l.startsWith("tb,"))
                .mapToLong(l -> Long.parseLong(l.split(",")[4])).sum()).isEqualTo(tb.offered());

        Path json = dir.resolve("run.json");
        h.fx.call(() -> vm.export(json, ResultWriter.Format.JSON));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(json));
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("scenario").asText()).isEqualTo("boundary");
        assertThat(doc.get("totals")).hasSize(2);
        assertThat(doc.get("totals").get(1).get("note").asText()).contains("boundary burst");
        assertThat(doc.get("series")).hasSize(40);
        assertThat(doc.get("stopped").asBoolean()).isFalse();
        assertThat(doc.get("client_series").get(0).get("client").asText()).isNotEmpty();
        await().until(() -> h.fx.call(() -> vm.statusProperty().get()).startsWith("Exported " + json));
    }

    @Test
    void anUnreachableRedisIsShownNotSwallowed() throws Exception {
        int port = RedisServerSupport.freePort();
        h.fx.run(() -> {
            form.durationProperty().set("2s");
            form.clients().setAll(new ClientRow("c", "1", "per-client", "constant rate=5", ""));
            form.limiters().setAll(new LimiterRow("tb", Algorithm.TOKEN_BUCKET, "5", "5", "1s", Refill.GREEDY));
            form.modeProperty().set(SimulationMode.REAL_TIME);
            form.useRedisProperty().set(true);
            form.redisUriProperty().set("redis://user:s3cret@127.0.0.1:" + port);
        });
        runToCompletion();
        h.fx.run(() -> {
            assertThat(vm.storeProblemProperty().get()).startsWith("Redis store: ").contains("failed closed");
            assertThat(vm.storeProblemProperty().get()).doesNotContain("s3cret");
            assertThat(vm.comparison().getFirst().allowed()).isZero();
            // no decision was Redis's own: the status says so instead of "Done"
            assertThat(vm.statusProperty().get()).startsWith("The redis store made none of the ")
                    .contains("its fail mode's answer");
        });
    }

    @Test
    void closingTheViewModelEndsARealTimeRunAndItsThread() {
        h.fx.run(() -> {
            form.durationProperty().set("60s");
            form.modeProperty().set(SimulationMode.REAL_TIME);
        });
        assertThat(h.fx.call(vm::run)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> h.fx.call(() -> vm.samples().size()) >= 2);
        assertThat(h.fx.call(() -> vm.statusProperty().get())).startsWith("Running in real time: second ");
        h.fx.run(vm::close);
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("bulwark-task-ratelimit-simulation")));
        assertThat(h.reported).isEmpty();
    }

    @Test
    void redactsCredentialsInMessages() {
        assertThat(LabRun.redact("cannot reach redis://bob:pw@10.0.0.1:6379/0 now"))
                .isEqualTo("cannot reach redis://***@10.0.0.1:6379/0 now");
    }
}
