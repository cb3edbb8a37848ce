package dev.bulwark.ratelimit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.memory.InMemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-client breakdown of each second, and the partial result of a stopped run. */
class ClientSeriesTest {
    @TempDir
    Path dir;

    private static final String SCENARIO = """
            name: clients
            seed: 7
            duration: %s
            clients:
              - {name: users, count: %d, traffic: {type: poisson, rate: 12}}
              - {name: burster, count: 2, traffic: {type: onoff, rate: 150, on: 1500ms, off: 2s}}
            limiters:
              - {name: tb, strategy: token-bucket, capacity: 20, rate: 10, period: 1s}
              - {name: fixed, strategy: fixed-window, limit: 10, window: 1s}
              - {name: log, strategy: sliding-log, limit: 10, window: 1s}
            """;

    private Scenario load(String duration, int users) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SCENARIO.formatted(duration, users));
        return new ScenarioLoader().load(f).scenario();
    }

    @Test
    void perClientFiguresOfEverySecondAddUpToTheLimitersSecondAndTotals() throws Exception {
        List<SecondSample> live = new ArrayList<>();
        SimulationResult r;
        try (Simulator sim = new Simulator(TimeSource.system(), 4)) {
            r = sim.run(load("60s", 12), SimulationMode.VIRTUAL, new InMemoryBackend(10_000), live::add);
        }
        assertThat(r.stopped()).isFalse();
        for (LimiterResult l : r.limiters()) {
            Map<String, long[]> byClient = new HashMap<>();
            long other = 0;
            for (SecondSample s : l.series()) {
                assertThat(s.topClients()).hasSizeLessThanOrEqualTo(4)
                        .isSortedAccordingTo(Comparator.comparingLong(ClientResult::offered).reversed());
                assertThat(s.topClients().stream().mapToLong(ClientResult::offered).sum() + s.otherOffered())
                        .as("%s second %d offered", l.limiter(), s.second()).isEqualTo(s.offered());
                assertThat(s.topClients().stream().mapToLong(ClientResult::allowed).sum() + s.otherAllowed())
                        .as("%s second %d allowed", l.limiter(), s.second()).isEqualTo(s.allowed());
                assertThat(s.otherRejected()).isBetween(0L, s.rejected());
                if (!s.topClients().isEmpty() && s.otherOffered() > 0) {
                    // nobody outside the top offered more than the last of the top
                    assertThat(s.otherOffered()).isLessThanOrEqualTo(
                            s.topClients().getLast().offered() * (14 - s.topClients().size()));
                }
                for (ClientResult c : s.topClients()) {
                    long[] t = byClient.computeIfAbsent(c.client(), k -> new long[2]);
                    t[0] += c.offered();
                    t[1] += c.allowed();
                }
                other += s.otherOffered();
            }
            long topSum = byClient.values().stream().mapToLong(t -> t[0]).sum();
            assertThat(topSum + other).isEqualTo(l.offered());
            // the bursters dominate the seconds they send in, so they are in the breakdown
            assertThat(byClient).containsKeys("burster#0", "burster#1");
            // a client's per-second figures never exceed its run totals
            for (ClientResult c : l.clients()) {
                long[] t = byClient.get(c.client());
                if (t != null) {
                    assertThat(t[0]).isLessThanOrEqualTo(c.offered());
                    assertThat(t[1]).isLessThanOrEqualTo(c.allowed());
                }
            }
        }
        assertThat(live).as("the listener saw the same samples").isEqualTo(interleaved(r));
    }

    @Test
    void withFewerClientsThanTheTopEveryClientIsBrokenOutAndZeroTurnsItOff() throws Exception {
        Scenario s = load("20s", 3);
        SimulationResult all;
        SimulationResult off;
        try (Simulator sim = new Simulator(TimeSource.system(), 10)) {
            all = sim.run(s, SimulationMode.VIRTUAL, new InMemoryBackend(1_000), SimulationListener.none());
        }
        try (Simulator sim = new Simulator(TimeSource.system(), 0)) {
            off = sim.run(s, SimulationMode.VIRTUAL, new InMemoryBackend(1_000), SimulationListener.none());
        }
        for (SecondSample x : all.limiters().getFirst().series()) {
            assertThat(x.otherOffered()).isZero();
        }
        // the per-client sums over the run are exactly each client's totals
        LimiterResult tb = all.limiters().getFirst();
        for (ClientResult c : tb.clients()) {
            assertThat(tb.series().stream().flatMap(x -> x.topClients().stream())
                    .filter(x -> x.client().equals(c.client())).mapToLong(ClientResult::allowed).sum())
                    .as(c.client()).isEqualTo(c.allowed());
        }
        for (SecondSample x : off.limiters().getFirst().series()) {
            assertThat(x.topClients()).isEmpty();
            assertThat(x.otherOffered()).isEqualTo(x.offered());
        }
        // the breakdown does not change any decision
        for (int i = 0; i < all.limiters().size(); i++) {
            assertThat(off.limiters().get(i).allowed()).isEqualTo(all.limiters().get(i).allowed());
        }
    }

    @Test
    void aStoppedRunCarriesTheTotalsItHadReached() throws Exception {
        Scenario s = load("600s", 3000);
        SimulationStoppedException stopped;
        try (Simulator sim = new Simulator(TimeSource.system())) {
            SimulationListener stopAtFive = x -> {
                if (x.second() == 5) {
                    Thread.currentThread().interrupt();
                }
            };
            stopped = catchThrowableOfType(SimulationStoppedException.class,
                    () -> sim.run(s, SimulationMode.VIRTUAL, new InMemoryBackend(100_000), stopAtFive));
            Thread.interrupted();
        }
        SimulationResult p = stopped.partial();
        assertThat(p.stopped()).isTrue();
        assertThat(p.seconds()).isBetween(6, 20);
        assertThat(stopped).hasMessageContaining("stopped after " + p.seconds() + " s");
        long offered = 0;
        for (LimiterResult l : p.limiters()) {
            assertThat(l.series()).hasSize(p.seconds());
            assertThat(l.series().stream().mapToLong(SecondSample::offered).sum()).isEqualTo(l.offered());
            assertThat(l.series().stream().mapToLong(SecondSample::allowed).sum()).isEqualTo(l.allowed());
            assertThat(l.clients().stream().mapToLong(ClientResult::offered).sum()).isEqualTo(l.offered());
            assertThat(l.offered()).isPositive();
            offered = l.offered();
        }
        assertThat(p.decisions()).isEqualTo(offered * p.limiters().size());
        // far less than the whole run: 3000 clients at 12/s for 600 s
        assertThat(offered).isLessThan(3000L * 12 * 30);
    }

    /** The listener order: every limiter's second 0, then every limiter's second 1, ... */
    private static List<SecondSample> interleaved(SimulationResult r) {
        List<SecondSample> out = new ArrayList<>();
        for (int s = 0; s < r.seconds(); s++) {
            for (LimiterResult l : r.limiters()) {
                out.add(l.series().get(s));
            }
        }
        return out;
    }
}
