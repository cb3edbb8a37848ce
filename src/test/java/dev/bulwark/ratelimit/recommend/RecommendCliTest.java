package dev.bulwark.ratelimit.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.testsupport.CliRun;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark ratelimit recommend} through the real command tree. */
class RecommendCliTest {
    @TempDir
    Path dir;

    private Path log() throws Exception {
        List<String> lines = new ArrayList<>(TestLogs.varied(3, 2));
        lines.add(100, "this is not a log line");
        lines.add(200, "also not one");
        lines.add(300, "10.9.9.9 - - [99/Foo/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1");
        return TestLogs.write(dir.resolve("access.log"), lines);
    }

    @Test
    void jsonHasOneObjectPerStrategyWithItsParametersAndReplayFigures() throws Exception {
        CliRun r = CliRun.of("ratelimit", "recommend", log().toString(), "--format", "json", "--window", "1s,1m",
                "--target", "98");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("keys_total").asInt()).isEqualTo(300);
        assertThat(j.path("bad_lines").asInt()).isEqualTo(3);
        JsonNode recs = j.path("recommendations");
        assertThat(recs).hasSize(3 * 2 + 2);
        for (JsonNode n : recs) {
            if (n.path("strategy").asText().matches("token-bucket|gcra")) {
                assertThat(n.has("capacity") && n.has("rate") && n.has("period")).as(n.toString()).isTrue();
                assertThat(n.path("frontier")).isNotEmpty();
                assertThat(n.path("why").asText()).contains("fewest requests");
            } else {
                assertThat(n.has("limit") && n.has("window")).as(n.toString()).isTrue();
                assertThat(n.path("window").asText()).isIn("1s", "1m");
            }
            assertThat(n.path("keys_total").asInt()).isEqualTo(300);
            assertThat(n.path("keys_throttled").asInt()).isLessThanOrEqualTo(6);
            assertThat(n.has("requests_throttled")).isTrue();
            assertThat(n.path("one_less").path("keys_throttled").asInt()).isGreaterThan(6);
        }
        assertThat(j.path("distribution")).hasSize(4);
        // each top key names the bucket capacity it needs at the recommended bucket's rate
        JsonNode firstBucket = null;
        for (JsonNode n : recs) {
            if (firstBucket == null && n.has("capacity")) {
                firstBucket = n;
            }
        }
        for (JsonNode k : j.path("top_keys")) {
            assertThat(k.path("bucket").path("rate").asLong()).isEqualTo(firstBucket.path("rate").asLong());
            assertThat(k.path("bucket").path("period").asText()).isEqualTo(firstBucket.path("period").asText());
            assertThat(k.path("bucket").path("capacity").asLong()).as(k.toString())
                    .isBetween(1L, k.path("requests").asLong());
        }
        assertThat(j.path("top_keys")).isNotEmpty();
        // each kind of bad line once, with its first line number and how many more
        assertThat(r.err()).contains("warning: access.log:101: not in common/combined log format (line skipped; 1 more"
                + " such lines skipped)").contains("warning: access.log:301: bad timestamp (line skipped)");
    }

    @Test
    void tableIsReadableAndGzipWorks() throws Exception {
        Path gz = dir.resolve("access.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(log(), out);
        }
        CliRun r = CliRun.of("ratelimit", "recommend", gz.toString(), "--strategies", "token-bucket,fixed-window",
                "--key", "ip", "--top", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("access.log.gz: ").contains("from 300 keys (key ip)")
                .contains("Most requests per key in any window").contains("Top keys by requests").contains(" bucket@")
                .contains("Bucket frontier").contains("fixed-window    limit ").contains("windows are aligned to the clock");
        assertThat(r.err()).contains("lines/s");
        CliRun scenario = CliRun.of("ratelimit", "recommend", gz.toString(), "--export", "scenario");
        assertThat(scenario.code()).as(scenario.err()).isZero();
        assertThat(scenario.out()).contains("NOT EXACT: the lab's replay reads plain-text logs only: decompress access.log.gz");
    }

    @Test
    void exportsGoToAFileOrReplaceTheReport() throws Exception {
        Path out = dir.resolve("out/limit.conf");
        CliRun r = CliRun.of("ratelimit", "recommend", log().toString(), "--export", "nginx", "-o", out.toString(),
                "--strategies", "gcra");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out)).contains("limit_req_zone $binary_remote_addr");
        assertThat(r.out()).contains("Recommended for 99 %");
        assertThat(r.err()).contains("nginx export of gcra capacity");

        CliRun envoy = CliRun.of("ratelimit", "recommend", log().toString(), "--export", "envoy",
                "--export-strategy", "fixed-window");
        assertThat(envoy.code()).as(envoy.err()).isZero();
        JsonNode y = new ObjectMapper(new YAMLFactory()).readTree(envoy.out());
        assertThat(y.path("descriptors").get(0).path("rate_limit").path("unit").asText()).isEqualTo("minute");
    }

    @Test
    void exitCodesSayWhatWentWrong() throws Exception {
        Path empty = TestLogs.write(dir.resolve("junk.log"), List.of("junk", "more junk"));
        CliRun none = CliRun.of("ratelimit", "recommend", empty.toString());
        assertThat(none.code()).isEqualTo(3);
        assertThat(none.err()).contains("junk.log:1: not in common/combined log format")
                .contains("junk.log: no usable request (2 lines, 2 unreadable, 0 left out by the filters)");

        CliRun filteredOut = CliRun.of("ratelimit", "recommend", log().toString(), "--include-path", "/nothing");
        assertThat(filteredOut.code()).isEqualTo(3);

        CliRun missing = CliRun.of("ratelimit", "recommend", dir.resolve("nope.log").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.log: no such file");

        for (String[] bad : List.of(new String[] {"--key", "cookie"}, new String[] {"--target", "0"},
                new String[] {"--target", "abc"}, new String[] {"--window", "1.5s"},
                new String[] {"--strategies", "leaky-bucket"}, new String[] {"--export", "haproxy"},
                new String[] {"--exclude-agent", "("}, new String[] {"--exclude-status", "7xx"},
                new String[] {"--format", "xml"}, new String[] {"--rates", "5/fortnight"})) {
            List<String> args = new ArrayList<>(List.of("ratelimit", "recommend", log().toString()));
            args.addAll(List.of(bad));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", bad) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("bulwark ratelimit recommend: ");
            assertThat(r.out()).isEmpty();
        }
    }
}
