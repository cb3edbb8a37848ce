package dev.bulwark.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.docker.stats.ContainerStats;
import dev.bulwark.docker.stats.RawStats;
import dev.bulwark.docker.stats.StatsCalculator;
import dev.bulwark.docker.stats.StatsParser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsCalculatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode recorded(String name) throws IOException {
        try (InputStream in = StatsCalculatorTest.class.getResourceAsStream("/docker/" + name)) {
            return MAPPER.readTree(in);
        }
    }

    @Test
    void cgroupV1FrameGivesTheCliFigures() throws IOException {
        ContainerStats s = StatsCalculator.compute(StatsParser.parse(recorded("stats-v1-cpu-burner.json")), null);
        // (7225198486 - 6663755371) / (1261920000000 - 1259910000000) * 2 * 100
        assertThat(s.cpuPercent()).isCloseTo(561443115.0 / 2010000000.0 * 200.0, within(1e-9));
        // usage - total_inactive_file
        assertThat(s.memUsageBytes()).isEqualTo(1826816L - 1249280L);
        assertThat(s.memLimitBytes()).isEqualTo(25276518400L);
        assertThat(s.pids()).isEqualTo(3);
        assertThat(s.netRxBytes()).isZero();
        assertThat(s.blockReadBytes()).isZero();
    }

    @Test
    void cgroupV2FrameSubtractsInactiveFileAndSumsDevicesAndInterfaces() throws IOException {
        ContainerStats s = StatsCalculator.compute(StatsParser.parse(recorded("stats-v2-recorded.json")), null);
        assertThat(s.cpuPercent()).isCloseTo(200.0, within(1e-9));
        assertThat(s.memUsageBytes()).isEqualTo(314572800L - 138412032L);
        assertThat(s.memPercent()).isCloseTo(16.40625, within(1e-9));
        assertThat(s.netRxBytes()).isEqualTo(2_000_000L);
        assertThat(s.netTxBytes()).isEqualTo(300_000L);
        assertThat(s.blockReadBytes()).isEqualTo(10485760L + 4096L);
        assertThat(s.blockWriteBytes()).isEqualTo(2097152L + 8192L);
        assertThat(s.pids()).isEqualTo(17);
    }

    @Test
    void cpuCanExceedOneHundredPercentAndFallsBackToPerCpuCount() throws IOException {
        ObjectNode n = (ObjectNode) recorded("stats-v1-cpu-burner.json");
        ((ObjectNode) n.path("cpu_stats")).remove("online_cpus");
        RawStats raw = StatsParser.parse(n);
        assertThat(raw.onlineCpus()).isZero();
        assertThat(raw.perCpuCount()).isEqualTo(2);
        assertThat(StatsCalculator.cpuPercent(raw)).isCloseTo(561443115.0 / 2010000000.0 * 200.0, within(1e-9));
        RawStats twoCores = raw(4_000_000_000L, 2_000_000_000L, 1, 0, null, null);
        assertThat(StatsCalculator.cpuPercent(twoCores)).isCloseTo(200.0, within(1e-9));
    }

    @Test
    void streamingParseReadsConsecutiveFramesAndEngineTimestamps() throws IOException {
        String one = MAPPER.writeValueAsString(recorded("stats-v1-cpu-burner.json"));
        String two = MAPPER.writeValueAsString(recorded("stats-v2-recorded.json")
                .deepCopy()).replace("2026-11-24T21:10:03.512331018Z", "2026-11-24T21:10:03.5Z");
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(one + "\n" + two + "\n")) {
            p.nextToken();
            RawStats a = StatsParser.read(p);
            p.nextToken();
            RawStats b = StatsParser.read(p);
            assertThat(p.nextToken()).isNull();
            assertThat(a.read()).isEqualTo(Instant.parse("2026-11-25T00:11:54.914845933Z"));
            assertThat(a.pids()).isEqualTo(3);
            assertThat(b.read()).isEqualTo(Instant.parse("2026-11-24T21:10:03.5Z"));
            assertThat(b.netRx()).isEqualTo(2_000_000L);
        }
        ObjectNode zero = (ObjectNode) recorded("stats-v1-cpu-burner.json");
        zero.put("read", "0001-01-01T00:00:00Z");
        assertThat(StatsParser.parse(zero).read()).isNull();
        zero.put("read", "2026-11-25T01:02:03+01:00");
        assertThat(StatsParser.parse(zero).read()).isEqualTo(Instant.parse("2026-11-25T00:02:03Z"));
    }

    @Test
    void cpuIsZeroWhenADeltaIsNotPositive() {
        assertThat(StatsCalculator.cpuPercent(new RawStats(null, 100, 1000, 2, 0, 100, 500, 0, 0, null, null,
                0, 0, 0, 0, 0))).isZero();
        assertThat(StatsCalculator.cpuPercent(new RawStats(null, 200, 1000, 2, 0, 100, 1000, 0, 0, null, null,
                0, 0, 0, 0, 0))).isZero();
    }

    @Test
    void memoryFallsThroughLikeTheCli() {
        // v1 key larger than usage: the CLI falls through to inactive_file.
        assertThat(StatsCalculator.memoryUsage(raw(0, 1, 1, 1000, 5000L, 300L))).isEqualTo(700);
        // neither key: raw usage.
        assertThat(StatsCalculator.memoryUsage(raw(0, 1, 1, 1000, null, null))).isEqualTo(1000);
        // v2 key not below usage: raw usage.
        assertThat(StatsCalculator.memoryUsage(raw(0, 1, 1, 1000, null, 1000L))).isEqualTo(1000);
    }

    @Test
    void zeroLimitGivesZeroPercentAndRatesUseTheSampleInterval() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        RawStats a = new RawStats(t0, 0, 0, 1, 0, 0, 0, 10, 0, null, null, 1000, 100, 0, 0, 1);
        RawStats b = new RawStats(t0.plusMillis(500), 0, 0, 1, 0, 0, 0, 10, 0, null, null, 3000, 600, 0, 0, 1);
        ContainerStats s = StatsCalculator.compute(b, a);
        assertThat(s.memPercent()).isZero();
        assertThat(s.netRxRate()).isCloseTo(4000.0, within(1e-9));
        assertThat(s.netTxRate()).isCloseTo(1000.0, within(1e-9));
        assertThat(StatsCalculator.compute(a, null).netRxRate()).isZero();
    }

    private static RawStats raw(long cpuDelta, long sysDelta, long online, long usage, Long v1, Long v2) {
        return new RawStats(null, 10 + cpuDelta, 10 + sysDelta, online, 0, 10, 10, usage, 2000, v1, v2,
                0, 0, 0, 0, 0);
    }
}
