package dev.bulwark.ui.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.ratelimit.recommend.ExportFormat;
import dev.bulwark.ratelimit.recommend.LimitRecommender;
import dev.bulwark.ratelimit.recommend.Recommendation;
import dev.bulwark.testsupport.FxThreadStandIn;
import dev.bulwark.ui.DirectBatchers;
import dev.bulwark.ui.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Recommend from log…" view-model on the real core, with a single test "FX" thread and no toolkit. */
class RecommendViewModelTest {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final FxThreadStandIn fx = new FxThreadStandIn();
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private final TaskRunner tasks = new TaskRunner(fx, (context, error) -> reported.add(error));
    private final RecommendViewModel vm = fx.call(() -> new RecommendViewModel(new LimitRecommender(TimeSource.system()),
            tasks, DirectBatchers.on(fx)));

    @AfterEach
    void close() {
        fx.run(vm::close);
        tasks.close();
        fx.close();
    }

    /** Client c sends c % 100 + 1 requests in one second, then one a minute for {@code minutes}. */
    private Path log(int clients, int minutes) throws Exception {
        List<String> lines = new ArrayList<>();
        long t0 = 1_767_225_600L;
        for (int c = 0; c < clients; c++) {
            for (int i = 0; i <= c % 100; i++) {
                lines.add(line("10.1." + c / 200 + "." + c % 200, t0 + c % 30, "/api/x"));
            }
            for (int m = 1; m <= minutes; m++) {
                lines.add(line("10.1." + c / 200 + "." + c % 200, t0 + 60L * m, "/static/app.js"));
            }
        }
        lines.sort((a, b) -> a.substring(a.indexOf('[')).compareTo(b.substring(b.indexOf('['))));
        Path f = dir.resolve("access-" + clients + ".log");
        Files.write(f, lines);
        return f;
    }

    private static String line(String ip, long t, String path) {
        return ip + " - - [" + TIME.format(Instant.ofEpochSecond(t)) + "] \"GET " + path + " HTTP/1.1\" 200 10 \"-\" \"ua\"";
    }

    @Test
    void badOptionsAreListedAndNothingStarts() {
        boolean started = fx.call(() -> {
            vm.logFileProperty().set(dir.resolve("missing.log").toString());
            vm.targetProperty().set("abc");
            vm.windowsProperty().set("1s, soon");
            vm.excludeAgentProperty().set("(");
            return vm.start();
        });
        assertThat(started).isFalse();
        assertThat(fx.call(() -> List.copyOf(vm.problems()))).hasSize(4)
                .anyMatch(p -> p.startsWith("Target:")).anyMatch(p -> p.startsWith("Windows: bad window 'soon'"))
                .anyMatch(p -> p.startsWith("Exclude agents: bad regular expression"))
                .anyMatch(p -> p.startsWith("Log file: cannot read"));
        assertThat(fx.call(() -> vm.runningProperty().get())).isFalse();
    }

    @Test
    void aRunFillsTheTableChartsThrottledKeysAndExports() throws Exception {
        Path log = log(200, 5);
        assertThat(fx.call(() -> {
            vm.logFileProperty().set(log.toString());
            vm.excludePathsProperty().set("/static/");
            return vm.start();
        })).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> fx.call(() -> !vm.runningProperty().get()));
        assertThat(reported).isEmpty();
        assertThat(fx.call(() -> vm.statusProperty().get())).contains("200 keys").contains("tight");
        assertThat(fx.call(() -> vm.rows().size())).isEqualTo(3 * 2 + 2);
        Recommendation first = fx.call(() -> vm.selectedProperty().get());
        assertThat(first.strategy()).isEqualTo(Algorithm.SLIDING_LOG);
        // 1 % of 200 keys may be throttled: the 2 sending 100 in a second; the next 2 send 99
        assertThat(first.limit()).isEqualTo(99);
        List<RecommendViewModel.Point> cdf = fx.call(() -> List.copyOf(vm.distribution()));
        assertThat(cdf).isNotEmpty();
        assertThat(cdf.getLast().y()).isEqualTo(100.0);
        assertThat(cdf).isSortedAccordingTo((a, b) -> Double.compare(a.x(), b.x()));
        assertThat(fx.call(() -> vm.chosenLimitProperty().get())).isEqualTo(99.0);
        assertThat(fx.call(() -> List.copyOf(vm.throttled()))).hasSize(2)
                .allMatch(k -> k.requests() == 100 && k.throttled() == 1);
        assertThat(fx.call(() -> vm.frontier().isEmpty())).isTrue();
        // top keys and percentiles of the selected 1 s window: clients 99 and 199 send 100 in one second; the
        // per-key maxima are 1..100 twice, so nearest-rank p50 50, p90 90, p99 99, p99.9 and max 100
        List<RecommendKeys.Row> top = fx.call(() -> List.copyOf(vm.keys().rows()));
        assertThat(top).hasSize(50);
        assertThat(top.subList(0, 2)).extracting(RecommendKeys.Row::key).containsExactly("10.1.0.199", "10.1.0.99");
        assertThat(top.getFirst().requests()).isEqualTo(100);
        assertThat(top.getFirst().maxInWindow()).isEqualTo(100);
        assertThat(top).extracting(RecommendKeys.Row::requests).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(fx.call(() -> vm.keys().windowHeaderProperty().get())).isEqualTo("Max in 1s");
        assertThat(fx.call(() -> vm.keys().percentilesProperty().get())).isEqualTo(
                "Max per key in 1s: p50 50 · p90 90 · p99 99 · p99.9 100 · max 100");
        // the window table: 100 requests all in one second need a bucket of 100 at any rate
        assertThat(top.getFirst().bucketCapacity()).isEqualTo(100);
        Recommendation minute = fx.call(() -> vm.rows().stream().map(RecommendViewModel.Row::recommendation)
                .filter(r -> !r.bucket() && r.windowSeconds() == 60).findFirst().orElseThrow());
        fx.run(() -> vm.selectedProperty().set(minute));
        assertThat(fx.call(() -> vm.keys().windowHeaderProperty().get())).isEqualTo("Max in 1m");
        assertThat(fx.call(() -> vm.keys().percentilesProperty().get())).startsWith("Max per key in 1m: ");

        Recommendation bucket = fx.call(() -> vm.rows().stream().map(RecommendViewModel.Row::recommendation)
                .filter(r -> r.strategy() == Algorithm.TOKEN_BUCKET).findFirst().orElseThrow());
        fx.run(() -> vm.selectedProperty().set(bucket));
        assertThat(fx.call(() -> vm.frontier().size())).isEqualTo(bucket.frontier().size()).isPositive();
        assertThat(fx.call(() -> vm.frontierChoiceProperty().get()))
                .isEqualTo(new RecommendViewModel.Point(bucket.rate().perSecond(), bucket.limit()));
        assertThat(fx.call(() -> vm.whyProperty().get())).contains("one unit less").contains("fewest requests");
        // a bucket selection keeps the chosen window and names its own rate
        assertThat(fx.call(() -> vm.keys().windowHeaderProperty().get())).isEqualTo("Max in 1m");
        assertThat(fx.call(() -> vm.keys().rateHeaderProperty().get())).isEqualTo("Cap at " + bucket.rate());
        assertThat(fx.call(() -> vm.keys().rows().getFirst().bucketCapacity())).isEqualTo(100);

        for (ExportFormat f : ExportFormat.values()) {
            Path out = dir.resolve("exports").resolve(fx.call(() -> {
                vm.exportFormatProperty().set(f);
                return vm.suggestedExportName();
            }));
            Files.createDirectories(out.getParent());
            fx.run(() -> vm.export(out));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out));
            assertThat(Files.readString(out)).isEqualTo(fx.call(vm::exportPreview)).contains("recommended by Bulwark");
            assertThat(out.getFileName().toString()).isEqualTo("token-bucket-" + f.id() + "." + f.extension());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.call(() -> vm.statusProperty().get()).contains("written to"));
    }

    @Test
    void stopEndsALongRunAndItsResultNeverArrives() throws Exception {
        Path log = log(3_000, 10);
        fx.call(() -> {
            vm.logFileProperty().set(log.toString());
            return vm.start();
        });
        fx.run(vm::stop);
        assertThat(fx.call(() -> vm.statusProperty().get())).isEqualTo("Stopped.");
        Thread.sleep(500);
        assertThat(fx.call(() -> vm.reportProperty().get())).isNull();
        assertThat(fx.call(() -> vm.runningProperty().get())).isFalse();
        // and it can run again
        assertThat(fx.call(vm::start)).isTrue();
        await().atMost(Duration.ofSeconds(120)).until(() -> fx.call(() -> !vm.runningProperty().get()));
        assertThat(fx.call(() -> vm.reportProperty().get().profile().keyCount())).isEqualTo(3_000);
    }

    @Test
    void theDistributionIsTheShareOfKeysAtOrBelowEachNeed() {
        assertThat(ChartData.cdf(new long[] {5, 1, 2, 1}, 240)).containsExactly(new RecommendViewModel.Point(1, 50),
                new RecommendViewModel.Point(2, 75), new RecommendViewModel.Point(5, 100));
        // thinned to about the asked number of points, still ending at the busiest key and 100 %
        long[] many = java.util.stream.LongStream.rangeClosed(1, 10_000).toArray();
        List<RecommendViewModel.Point> thin = ChartData.cdf(many, 100);
        assertThat(thin).hasSizeBetween(100, 102);
        assertThat(thin.getLast()).isEqualTo(new RecommendViewModel.Point(10_000, 100));
    }
}
