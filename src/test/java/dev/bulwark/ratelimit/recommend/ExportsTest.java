package dev.bulwark.ratelimit.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.ManualTimeSource;
import dev.bulwark.ratelimit.memory.InMemoryBackend;
import dev.bulwark.ratelimit.sim.ScenarioLoader;
import dev.bulwark.ratelimit.sim.SimulationListener;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.ratelimit.sim.Simulator;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exports parse, say where they are not exact, and the Bucket4j one admits what the replay admitted. */
class ExportsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;
    RecommendReport report;

    @BeforeEach
    void recommend() throws Exception {
        Path log = TestLogs.write(dir.resolve("varied.log"), TestLogs.varied(5, 3));
        RecommendOptions o = new RecommendOptions(KeyBy.IP, 1, LogFilter.NONE, 3, new BigDecimal("95"),
                RecommendOptions.DEFAULT_STRATEGIES, List.of(60L, 10L), BucketRate.defaultGrid(), 100, 60);
        report = new LimitRecommender(new ManualTimeSource(0)).run(log, o, null);
    }

    private Recommendation rec(Algorithm a, long window) {
        return report.recommendations().stream().filter(r -> r.strategy() == a && r.windowSeconds() == window)
                .findFirst().orElseThrow();
    }

    @Test
    void envoyIsARatelimitServiceConfigWithTheUnitAndNotesWhereItIsNotExact() throws Exception {
        Recommendation fixed = rec(Algorithm.FIXED_WINDOW, 60);
        String text = LimitExports.render(ExportFormat.ENVOY, report, fixed);
        JsonNode y = YAML.readTree(text);
        assertThat(y.path("domain").asText()).isEqualTo("bulwark");
        JsonNode d = y.path("descriptors").get(0);
        assertThat(d.path("key").asText()).isEqualTo("remote_address");
        assertThat(d.path("rate_limit").path("unit").asText()).isEqualTo("minute");
        assertThat(d.path("rate_limit").path("requests_per_unit").asLong()).isEqualTo(fixed.limit());
        assertThat(text).doesNotContain("NOT EXACT");

        String sliding10 = LimitExports.render(ExportFormat.ENVOY, report, rec(Algorithm.SLIDING_LOG, 10));
        JsonNode s = YAML.readTree(sliding10).path("descriptors").get(0).path("rate_limit");
        assertThat(s.path("unit").asText()).isEqualTo("minute");
        assertThat(s.path("requests_per_unit").asLong()).isEqualTo(rec(Algorithm.SLIDING_LOG, 10).limit() * 6);
        assertThat(sliding10).contains("NOT EXACT: Envoy has only second, minute, hour and day units")
                .contains("not a sliding-log");

        Recommendation tb = rec(Algorithm.TOKEN_BUCKET, 0);
        String bucket = LimitExports.render(ExportFormat.ENVOY, report, tb);
        assertThat(YAML.readTree(bucket).path("descriptors").get(0).path("rate_limit").path("requests_per_unit").asLong())
                .isEqualTo(tb.rate().tokens());
        assertThat(bucket).contains("capacity " + tb.limit() + " cannot be expressed").contains("max_tokens " + tb.limit());
        // ip+path keys nest a path descriptor under the address
        RecommendReport ipPath = new LimitRecommender(new ManualTimeSource(0)).run(report.log(),
                report.options().withKeyBy(KeyBy.IP_PATH), null);
        JsonNode nested = YAML.readTree(LimitExports.render(ExportFormat.ENVOY, ipPath, ipPath.recommendations().getFirst()))
                .path("descriptors").get(0);
        assertThat(nested.path("descriptors").get(0).path("key").asText()).isEqualTo("path_prefix");
        assertThat(nested.path("descriptors").get(0).has("rate_limit")).isTrue();
    }

    @Test
    void nginxMapsTheBucketToRateAndBurstAndSaysItIsALeakyBucket() {
        Recommendation tb = rec(Algorithm.TOKEN_BUCKET, 0);
        String text = LimitExports.render(ExportFormat.NGINX, report, tb);
        Matcher zone = Pattern.compile("(?m)^limit_req_zone \\$binary_remote_addr zone=bulwark_recommended:(\\d+)m"
                + " rate=(\\d+)r/([sm]);$").matcher(text);
        assertThat(zone.find()).as(text).isTrue();
        long perMinute = Long.parseLong(zone.group(2)) * (zone.group(3).equals("s") ? 60 : 1);
        assertThat(perMinute * tb.rate().periodSeconds()).isEqualTo(tb.rate().tokens() * 60);
        assertThat(text).containsPattern("(?m)^limit_req zone=bulwark_recommended burst=" + (tb.limit() - 1) + " nodelay;$")
                .contains("leaky bucket");
        String window = LimitExports.render(ExportFormat.NGINX, report, rec(Algorithm.SLIDING_LOG, 60));
        assertThat(window).contains("NOT EXACT: nginx has no sliding-log");
    }

    @Test
    void theBucket4jBandwidthAdmitsWhatTheReplayAdmitted() throws Exception {
        Recommendation tb = rec(Algorithm.TOKEN_BUCKET, 0);
        String text = LimitExports.render(ExportFormat.BUCKET4J, report, tb);
        Matcher m = Pattern.compile("\\.capacity\\((\\d+)\\)\\s+\\.refillGreedy\\((\\d+), Duration\\.of(Seconds|Minutes|Hours)\\((\\d+)\\)\\)")
                .matcher(text);
        assertThat(m.find()).as(text).isTrue();
        Duration period = switch (m.group(3)) {
            case "Seconds" -> Duration.ofSeconds(Long.parseLong(m.group(4)));
            case "Minutes" -> Duration.ofMinutes(Long.parseLong(m.group(4)));
            default -> Duration.ofHours(Long.parseLong(m.group(4)));
        };
        Bandwidth bw = Bandwidth.builder().capacity(Long.parseLong(m.group(1)))
                .refillGreedy(Long.parseLong(m.group(2)), period).build();
        assertThat(throttledByBucket4j(bw)).isEqualTo(keysThrottled(tb));

        Recommendation fixed = rec(Algorithm.FIXED_WINDOW, 60);
        String fw = LimitExports.render(ExportFormat.BUCKET4J, report, fixed);
        assertThat(fw).contains(".refillIntervallyAligned(" + fixed.limit() + ", Duration.ofMinutes(1), Instant.EPOCH)");
        Bandwidth aligned = Bandwidth.builder().capacity(fixed.limit())
                .refillIntervallyAligned(fixed.limit(), Duration.ofMinutes(1), Instant.EPOCH).build();
        assertThat(throttledByBucket4j(aligned)).isEqualTo(keysThrottled(fixed));
        assertThat(LimitExports.render(ExportFormat.BUCKET4J, report, rec(Algorithm.SLIDING_WINDOW, 60)))
                .contains("// NOT EXACT: Bucket4j has no sliding-window");
    }

    private static Set<String> keysThrottled(Recommendation r) {
        // every throttled key is listed when the report's top is large enough
        assertThat(r.verification().throttled()).hasSize((int) r.verification().keysThrottled());
        Set<String> s = new HashSet<>();
        r.verification().throttled().forEach(k -> s.add(k.key()));
        return s;
    }

    /** Replays the log, in time order with the same reordering, through one Bucket4j bucket per key. */
    private Set<String> throttledByBucket4j(Bandwidth bw) throws Exception {
        long[] now = {0};
        TimeMeter clock = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return now[0];
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        Map<String, Bucket> buckets = new HashMap<>();
        Set<String> throttled = new HashSet<>();
        RequestStream stream = new RequestStream();
        stream.run(report.log(), report.options(), (second, ids, n) -> {
            now[0] = second * 1_000_000_000L;
            for (int i = 0; i < n; i++) {
                String key = stream.name(ids[i]);
                Bucket b = buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(bw).withCustomTimePrecision(clock).build());
                if (!b.tryConsume(1)) {
                    throttled.add(key);
                }
            }
        }, null);
        return throttled;
    }

    @Test
    void theScenarioLoadsAndReplaysTheLogAgainstTheLimitAndOneLess() throws Exception {
        Recommendation tb = rec(Algorithm.TOKEN_BUCKET, 0);
        Path f = dir.resolve("recommended.yaml");
        Files.writeString(f, LimitExports.render(ExportFormat.SCENARIO, report, tb));
        ScenarioLoader.Loaded loaded = new ScenarioLoader().load(f);
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.scenario().limiters()).hasSize(2);
        assertThat(loaded.scenario().limiters().get(0).capacity()).isEqualTo(tb.limit());
        assertThat(loaded.scenario().limiters().get(0).algorithm()).isEqualTo(Algorithm.TOKEN_BUCKET);
        assertThat(loaded.scenario().limiters().get(1).capacity()).isEqualTo(tb.limit() - 1);
        try (Simulator sim = new Simulator(dev.bulwark.ratelimit.TimeSource.system(), 0)) {
            SimulationResult r = sim.run(loaded.scenario(), SimulationMode.VIRTUAL, new InMemoryBackend(100_000),
                    SimulationListener.none());
            assertThat(r.limiters().get(0).offered()).isEqualTo(report.scan().used());
        }
        assertThat(Files.readString(f)).contains("spreads the requests of each logged second");
    }
}
