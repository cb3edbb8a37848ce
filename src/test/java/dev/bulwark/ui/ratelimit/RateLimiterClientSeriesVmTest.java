package dev.bulwark.ui.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.Refill;
import dev.bulwark.ratelimit.sim.ClientResult;
import dev.bulwark.ratelimit.sim.LimiterResult;
import dev.bulwark.ratelimit.sim.SecondSample;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The view-model's per-client lines and a stopped run's partial totals, on the real simulator. */
class RateLimiterClientSeriesVmTest {
    private final VmHarness h = new VmHarness();
    private final RateLimiterViewModel vm = h.vm;
    private final ScenarioForm form = vm.form();

    @AfterEach
    void close() {
        h.close();
    }

    private void scenario(String duration, String users, SimulationMode mode) {
        h.fx.run(() -> {
            form.nameProperty().set("clients");
            form.durationProperty().set(duration);
            form.seedProperty().set("5");
            form.clients().setAll(new ClientRow("burst", "1", "per-client", "onoff rate=100 on=1s off=1.5s", ""),
                    new ClientRow("users", users, "per-client", "poisson rate=4", ""));
            form.limiters().setAll(new LimiterRow("tb", Algorithm.TOKEN_BUCKET, "10", "10", "1s", Refill.GREEDY),
                    new LimiterRow("fixed", Algorithm.FIXED_WINDOW, "10", "10", "1s", Refill.GREEDY));
            form.modeProperty().set(mode);
        });
    }

    @Test
    void afterAVirtualRunTheFocusedLimitersClientLinesAddUpToItsSeconds() {
        scenario("20s", "5", SimulationMode.VIRTUAL);
        assertThat(h.fx.call(vm::run)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> !h.fx.call(() -> vm.runningProperty().get()));
        for (String limiter : List.of("tb", "fixed")) {
            h.fx.run(() -> vm.focusProperty().set(limiter));
            List<ClientSeries.Line> lines = h.fx.call(() -> List.copyOf(vm.clientLines()));
            List<SecondSample> series = h.fx.call(() -> vm.resultProperty().get().limiters().stream()
                    .filter(l -> l.limiter().equals(limiter)).findFirst().orElseThrow().series());
            // 6 clients, all within the breakdown: 5 lines of their own and "other clients" for the sixth
            assertThat(lines).hasSize(RateLimiterViewModel.CHART_CLIENTS + 1);
            assertThat(lines.getFirst().client()).isEqualTo("burst");
            assertThat(lines.getLast().client()).isEqualTo(ClientSeries.OTHER);
            for (SecondSample s : series) {
                double allowed = lines.stream().flatMap(l -> l.points().stream())
                        .filter(p -> p.second() == s.second()).mapToDouble(ClientSeries.Point::allowed).sum();
                double rejected = lines.stream().flatMap(l -> l.points().stream())
                        .filter(p -> p.second() == s.second()).mapToDouble(ClientSeries.Point::rejected).sum();
                assertThat(allowed).as("%s second %d", limiter, s.second()).isEqualTo(s.allowed());
                assertThat(rejected).as("%s second %d", limiter, s.second()).isEqualTo(s.rejected());
            }
        }
        // the fixed window lets the burster through at window boundaries where the bucket does not
        h.fx.run(() -> vm.focusProperty().set("tb"));
        List<ClientSeries.Line> tb = h.fx.call(() -> List.copyOf(vm.clientLines()));
        h.fx.run(() -> vm.focusProperty().set("fixed"));
        assertThat(h.fx.call(() -> List.copyOf(vm.clientLines()))).isNotEqualTo(tb);
    }

    @Test
    void aLiveRunDrawsClientLinesAsItGoesAndAStopKeepsThePartialTotals() {
        scenario("60s", "5", SimulationMode.REAL_TIME);
        assertThat(h.fx.call(vm::run)).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> h.fx.call(() -> vm.runningProperty().get()
                && !vm.clientLines().isEmpty() && vm.clientLines().getFirst().points().size() >= 2));
        assertThat(h.fx.call(() -> vm.comparison().isEmpty())).as("no totals while running").isTrue();
        h.fx.run(vm::stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> !h.fx.call(() -> vm.runningProperty().get()));

        SimulationResult partial = h.fx.call(() -> vm.resultProperty().get());
        assertThat(partial).isNotNull();
        assertThat(partial.stopped()).isTrue();
        assertThat(partial.seconds()).isBetween(2, 59);
        assertThat(h.fx.call(() -> vm.statusProperty().get()))
                .startsWith("Stopped after " + partial.seconds() + " of 60 s; the totals below cover");
        List<LimiterResult> shown = h.fx.call(() -> List.copyOf(vm.comparison()));
        assertThat(shown).extracting(LimiterResult::limiter).containsExactly("tb", "fixed");
        for (LimiterResult l : shown) {
            assertThat(l.offered()).isPositive()
                    .isEqualTo(l.series().stream().mapToLong(SecondSample::offered).sum())
                    .isEqualTo(l.clients().stream().mapToLong(ClientResult::offered).sum());
        }
        assertThat(h.fx.call(() -> List.copyOf(vm.clientResults()))).isEqualTo(shown.getFirst().clients());
        assertThat(h.fx.call(() -> vm.clientLines().isEmpty())).isFalse();
        assertThat(h.reported).isEmpty();
    }

    @Test
    void aStoppedVirtualRunShowsTheSecondsItReached() {
        scenario("3600s", "4000", SimulationMode.VIRTUAL);
        assertThat(h.fx.call(vm::run)).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> h.fx.call(() -> vm.progressProperty().get()) > 0);
        h.fx.run(vm::stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> !h.fx.call(() -> vm.runningProperty().get()));
        SimulationResult partial = h.fx.call(() -> vm.resultProperty().get());
        assertThat(partial.stopped()).isTrue();
        assertThat(partial.seconds()).isBetween(1, 3599);
        assertThat(h.fx.call(() -> vm.samples().size())).isEqualTo(2 * partial.seconds());
        assertThat(h.fx.call(() -> vm.progressProperty().get())).isEqualTo(partial.seconds() / 3600.0);
        assertThat(h.fx.call(() -> vm.clientLines().getFirst().points())).isNotEmpty();
    }
}
