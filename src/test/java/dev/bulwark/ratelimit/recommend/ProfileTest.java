package dev.bulwark.ratelimit.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.Algorithm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Window maxima, bucket needs, filters and reordering on small hand-made logs. */
class ProfileTest {
    @TempDir
    Path dir;

    private Profile profile(List<String> lines, RecommendOptions o) throws Exception {
        Path f = TestLogs.write(dir.resolve("p" + lines.hashCode() + ".log"), lines);
        RequestStream s = new RequestStream();
        Profiler p = new Profiler(o.profileWindows(), o.rates());
        s.run(f, o, p, null);
        return p.result(java.util.stream.IntStream.range(0, s.keys()).mapToObj(s::name).toList());
    }

    private static long of(Profile p, long[] values, String key) {
        return values[p.keys().indexOf(key)];
    }

    @Test
    void windowMaximaCountSameSecondAsOneInstantAndWindowsAsHalfOpen() throws Exception {
        // a: 3 at t=0, 2 at t=9, 1 at t=10, 4 at t=59, 2 at t=60 ; b: one request
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(TestLogs.at("a", 0));
        }
        lines.add(TestLogs.at("a", 9));
        lines.add(TestLogs.at("a", 9));
        lines.add(TestLogs.at("a", 10));
        for (int i = 0; i < 4; i++) {
            lines.add(TestLogs.at("a", 59));
        }
        lines.add(TestLogs.at("a", 60));
        lines.add(TestLogs.at("a", 60));
        lines.add(TestLogs.at("b", 30));
        RecommendOptions o = RecommendOptions.defaults();
        Profile p = profile(lines, o);
        assertThat(of(p, p.maxInWindow(1), "a")).isEqualTo(4);
        // (t-10, t]: at 9, 0 and 9 together (5); at 10, 0 has left (3); at 60, 59 and 60 (6)
        assertThat(of(p, p.maxInWindow(10), "a")).isEqualTo(6);
        // (t-60, t]: at 59 all of 0..59 = 10; at 60, t=0 leaves: 12 - 3 = 9
        assertThat(of(p, p.maxInWindow(60), "a")).isEqualTo(10);
        assertThat(of(p, p.maxInWindow(3600), "a")).isEqualTo(12);
        // T0 is a multiple of 60: fixed minute windows [0,60) = 10 and [60,120) = 2
        assertThat(of(p, p.windowNeeds(Algorithm.FIXED_WINDOW, 60), "a")).isEqualTo(10);
        // fixed 10 s windows: [0,10) = 5, [10,20) = 1, [50,60) = 4, [60,70) = 2
        assertThat(of(p, p.windowNeeds(Algorithm.FIXED_WINDOW, 10), "a")).isEqualTo(5);
        // sliding-window estimate, 10 s: at 60 the previous window [50,60) had 4, elapsed 0: 4 x 10/10 + 2 = 6
        assertThat(of(p, p.windowNeeds(Algorithm.SLIDING_WINDOW, 10), "a")).isEqualTo(6);
        assertThat(of(p, p.maxInWindow(60), "b")).isEqualTo(1);
        assertThat(p.requests()).containsExactly(12, 1);
    }

    @Test
    void bucketCapacityNeedIsTheLargestDeficitAtEachRate() throws Exception {
        // 5 at t=0, 5 at t=2: at 1/s the deficit is 5, then max(0, 5 - 2) + 5 = 8; at 3/s: 5 then 5; at 1/min: 10
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add(TestLogs.at("a", 0));
            lines.add(TestLogs.at("a", 2));
        }
        Profile p = profile(lines, RecommendOptions.defaults());
        assertThat(p.capacityNeeds(new BucketRate(1, 1))[0]).isEqualTo(8);
        assertThat(p.capacityNeeds(new BucketRate(3, 1))[0]).isEqualTo(5);
        assertThat(p.capacityNeeds(new BucketRate(1, 60))[0]).isEqualTo(10);
        // 30/min is half a token per second: 5, then 5 - 1 + 5 = 9
        assertThat(p.capacityNeeds(new BucketRate(30, 60))[0]).isEqualTo(9);
    }

    @Test
    void outOfOrderLinesWithinTheReorderWindowGiveTheSameProfileAsSortedOnes() throws Exception {
        List<String> sorted = TestLogs.varied(7, 0);
        List<String> shuffled = TestLogs.varied(7, 5);
        assertThat(shuffled).isNotEqualTo(sorted);
        RecommendOptions o = RecommendOptions.defaults().withReorderSeconds(5);
        Profile a = profile(sorted, o);
        Profile b = profile(shuffled, o);
        for (int m = 0; m < a.needs().length; m++) {
            for (String key : a.keys()) {
                assertThat(of(b, b.needs()[m], key)).as("metric %d key %s", m, key).isEqualTo(of(a, a.needs()[m], key));
            }
        }
    }

    @Test
    void linesBeyondTheReorderWindowAreCountedLateAndKeptAtTheOldestOpenSecond() throws Exception {
        List<String> lines = List.of(TestLogs.at("a", 100), TestLogs.at("a", 120), TestLogs.at("a", 90),
                TestLogs.at("a", 121));
        Path f = TestLogs.write(dir.resolve("late.log"), lines);
        List<Long> released = new ArrayList<>();
        ScanReport r = new RequestStream().run(f, RecommendOptions.defaults().withReorderSeconds(10),
                (second, ids, n) -> {
                    for (int i = 0; i < n; i++) {
                        released.add(second - TestLogs.T0);
                    }
                }, null);
        // at 120 the buffer holds [110, 120]; 90 is 30 s late and is placed at 110
        assertThat(released).containsExactly(100L, 110L, 120L, 121L);
        assertThat(r.late()).isEqualTo(1);
        assertThat(r.maxLateness()).isEqualTo(30);
        assertThat(r.problems()).singleElement().asString().contains("1 lines were logged up to 30 s after");
    }

    @Test
    void reorderBufferSkipsLongGapsAndReleasesEverySecondInOrder() {
        List<Long> out = new ArrayList<>();
        ReorderBuffer b = new ReorderBuffer(3, (s, ids, n) -> {
            for (int i = 0; i < n; i++) {
                out.add(s * 1000 + ids[i]);
            }
        });
        List<long[]> in = new ArrayList<>();
        Random rnd = new Random(3);
        for (int i = 0; i < 2000; i++) {
            long t = i / 10 + (i % 500 == 0 ? 1_000_000 : 0);
            in.add(new long[] {t, i % 7});
        }
        // local shuffles by at most 3 s keep every line placeable
        List<long[]> sh = new ArrayList<>(in);
        for (int i = 0; i + 30 < sh.size(); i += 30) {
            Collections.shuffle(sh.subList(i, i + 30), rnd);
        }
        sh.forEach(e -> b.add(e[0], (int) e[1]));
        b.finish();
        assertThat(out).hasSize(2000).isSortedAccordingTo((x, y) -> Long.compare(x / 1000, y / 1000));
    }

    @Test
    void filtersLeaveOutPathsStatusesAndAgents() throws Exception {
        List<String> lines = List.of(
                TestLogs.line("1.1.1.1", "-", 0, "/static/app.js", 200, "Mozilla"),
                TestLogs.line("1.1.1.1", "-", 0, "/api/a", 200, "Mozilla"),
                TestLogs.line("1.1.1.1", "-", 0, "/api/b", 404, "Mozilla"),
                TestLogs.line("2.2.2.2", "-", 0, "/api/a", 200, "Googlebot/2.1"),
                TestLogs.line("3.3.3.3", "-", 0, "/api/a", 503, "curl"));
        LogFilter f = new LogFilter(List.of("/api"), List.of("/static"), List.of(),
                LogFilter.statuses(List.of("4xx", "500-599")), null, LogFilter.agentPattern("(?i)bot", "--exclude-agent"));
        Path file = TestLogs.write(dir.resolve("f.log"), lines);
        ScanReport r = new RequestStream().run(file, RecommendOptions.defaults().withFilter(f), (s, ids, n) -> { }, null);
        assertThat(r.used()).isEqualTo(1);
        assertThat(r.filtered()).isEqualTo(4);
        assertThat(f.describe()).isEqualTo("include path /api; exclude path /static; exclude status [400-499, 500-599];"
                + " exclude agent /(?i)bot/");
    }

    @Test
    void keysByUserFallBackToTheAddressAndIpPathKeysSplitByPrefix() throws Exception {
        List<String> lines = List.of(
                TestLogs.line("1.1.1.1", "alice", 0, "/api/a", 200, "x"),
                TestLogs.line("1.1.1.1", "-", 0, "/api/a", 200, "x"),
                TestLogs.line("1.1.1.1", "-", 0, "/img/a.png", 200, "x"));
        assertThat(profile(lines, RecommendOptions.defaults().withKeyBy(KeyBy.USER)).keys())
                .containsExactly("alice", "1.1.1.1");
        assertThat(profile(lines, RecommendOptions.defaults().withKeyBy(KeyBy.IP_PATH)).keys())
                .containsExactly("1.1.1.1 /api", "1.1.1.1 /img");
    }
}
