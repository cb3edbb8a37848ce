package dev.bulwark.ratelimit.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.ManualTimeSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every recommendation, replayed through the real in-memory limiters, throttles no more keys than the target
 * allows, and one unit less throttles more: on a varied log of 300 clients, out of order by up to 5 s.
 */
class TightnessTest {
    @TempDir
    Path dir;

    private RecommendReport run(String target, List<Long> windows) throws Exception {
        Path log = TestLogs.write(dir.resolve("varied.log"), TestLogs.varied(11, 5));
        RecommendOptions o = RecommendOptions.defaults().withReorderSeconds(5).withTarget(new BigDecimal(target))
                .withWindows(windows);
        return new LimitRecommender(new ManualTimeSource(0)).run(log, o, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99", "90", "75.5", "100"})
    void eachStrategyMeetsTheTargetAndOneUnitLessDoesNot(String target) throws Exception {
        RecommendReport r = run(target, List.of(1L, 10L, 60L));
        assertThat(r.profile().keyCount()).isEqualTo(300);
        assertThat(r.scan().late()).isZero();
        long allowed = 300 - (long) Math.ceil(300 * Double.parseDouble(target) / 100);
        assertThat(r.keysAllowed()).isEqualTo(allowed);
        assertThat(r.recommendations()).hasSize(3 * 3 + 2);
        for (Recommendation rec : r.recommendations()) {
            String what = LimitExports.describe(rec);
            Verification v = rec.verification();
            assertThat(v.keysThrottled()).as(what + " replay matches the profile").isEqualTo(rec.predicted());
            assertThat(v.keysThrottled()).as(what).isLessThanOrEqualTo(allowed);
            assertThat(v.requestsTotal()).isEqualTo(r.profile().totalRequests());
            assertThat(rec.limit()).as(what).isGreaterThan(1);
            assertThat(rec.oneLess().config().capacity()).isEqualTo(rec.limit() - 1);
            assertThat(rec.oneLess().keysThrottled()).as(what + " one less").isGreaterThan(allowed);
            assertThat(v.throttled()).hasSizeLessThanOrEqualTo(10)
                    .isSortedAccordingTo((a, b) -> Long.compare(b.throttled(), a.throttled()));
        }
        assertThat(r.allTight()).isTrue();
    }

    @Test
    void theProfilePredictsTheReplayExactlyAtAnyLimit() throws Exception {
        RecommendReport r = run("99", List.of(10L));
        RequestStream stream = new RequestStream();
        Profiler p = new Profiler(r.options().profileWindows(), r.options().rates());
        stream.run(r.log(), r.options(), p, null);
        Profile profile = p.result(java.util.stream.IntStream.range(0, stream.keys()).mapToObj(stream::name).toList());
        List<LimitConfig> configs = new ArrayList<>();
        List<Long> predicted = new ArrayList<>();
        for (long limit : new long[] {2, 5, 9, 20, 40, 100_000}) {
            for (Algorithm a : List.of(Algorithm.SLIDING_LOG, Algorithm.SLIDING_WINDOW, Algorithm.FIXED_WINDOW)) {
                configs.add(LimitConfig.window("w", a, limit, Duration.ofSeconds(10)));
                predicted.add(Recommender.over(profile.windowNeeds(a, 10), limit));
            }
            for (BucketRate rate : List.of(new BucketRate(1, 1), new BucketRate(30, 60), new BucketRate(5, 3600))) {
                configs.add(LimitConfig.tokenBucket("tb", limit, rate.tokens(), rate.period()));
                predicted.add(Recommender.over(profile.capacityNeeds(rate), limit));
                configs.add(LimitConfig.gcra("gcra", limit, rate.tokens(), rate.period()));
                predicted.add(Recommender.over(profile.capacityNeeds(rate), limit));
            }
        }
        List<Verification> vs = ReplayVerifier.replay(r.log(), r.options(), stream, configs, 0, null);
        for (int i = 0; i < configs.size(); i++) {
            assertThat(vs.get(i).keysThrottled()).as(configs.get(i).describe()).isEqualTo(predicted.get(i));
        }
        assertThat(predicted).anyMatch(x -> x > 0).anyMatch(x -> x == 0);
    }

    @Test
    void theFrontierFallsAsTheRateRisesAndTheChosenPointAdmitsTheLeastInTheHorizon() throws Exception {
        RecommendReport r = run("99", List.of(60L));
        Recommendation tb = r.recommendations().stream().filter(x -> x.strategy() == Algorithm.TOKEN_BUCKET)
                .findFirst().orElseThrow();
        List<Recommendation.FrontierPoint> f = tb.frontier();
        assertThat(f).hasSizeGreaterThan(3);
        for (int i = 1; i < f.size(); i++) {
            assertThat(f.get(i).rate()).isGreaterThan(f.get(i - 1).rate());
            assertThat(f.get(i).capacity()).isLessThan(f.get(i - 1).capacity());
        }
        assertThat(f).allMatch(p -> p.admitted() >= tb.limit() + tb.rate().perSecond() * 60 - 1e-9);
        assertThat(tb.note()).contains("capacity " + tb.limit() + " at " + tb.rate());
        Recommendation gcra = r.recommendations().stream().filter(x -> x.strategy() == Algorithm.GCRA)
                .findFirst().orElseThrow();
        assertThat(gcra.limit()).isEqualTo(tb.limit());
        assertThat(gcra.verification().keysThrottled()).isEqualTo(tb.verification().keysThrottled());
    }

    @Test
    void bucketsTooLargeToDecideExactlyAreLeftOffTheFrontierAndHugeWindowLimitsAreRefused() {
        BucketRate slow = new BucketRate(1, 3600);
        BucketRate fast = new BucketRate(100, 1);
        long[][] needs = new long[3 + 2][];
        for (int m = 0; m < 3; m++) {
            needs[m] = new long[] {5_000_000};
        }
        needs[3] = new long[] {5_000_000};  // capacity at 1/h: 5e6 x 3600 s in ns is past the exact range
        needs[4] = new long[] {200};
        Profile p = new Profile(List.of("k"), new long[] {5_000_000}, List.of(3600L), List.of(slow, fast), needs);
        // 5e6 x 3.6e12 ns is between 2^63 and 2^64: its low word reads negative, which must not pass the bound
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LimitConfig.tokenBucket("x", 5_000_000, 1,
                Duration.ofHours(1))).hasMessageContaining("too large to compute exactly");
        List<Recommendation.FrontierPoint> f = Recommender.frontier(p, 1, 60);
        assertThat(f).extracting(Recommendation.FrontierPoint::rate).containsExactly(fast);
        RecommendOptions o = RecommendOptions.defaults().withWindows(List.of(3600L))
                .withStrategies(List.of(Algorithm.SLIDING_LOG));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Recommender.recommend(p, o))
                .hasMessageContaining("too large for the limiters' exact arithmetic; use a shorter --window");
    }
}
