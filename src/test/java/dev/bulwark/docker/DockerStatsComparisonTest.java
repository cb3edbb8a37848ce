package dev.bulwark.docker;

import dev.bulwark.testsupport.TestContainers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.monitor.Snapshot;
import dev.bulwark.docker.monitor.Snapshotter;
import dev.bulwark.docker.stats.ContainerStats;
import dev.bulwark.testsupport.DockerEngineSupport;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our snapshot against {@code docker stats --no-stream} on the same containers at the same time
 * (cgroup v1 engine: the v1 memory formula is exercised for real).
 */
class DockerStatsComparisonTest {
    private static TestContainers containers;
    private static DockerEngine engine;

    @BeforeAll
    static void start() {
        String host = DockerEngineSupport.dockerHost();
        containers = new TestContainers(host);
        containers.run("idle", List.of(), "sleep", "3600");
        containers.sh("burner", List.of(), TestContainers.CPU_BURNER);
        // 48 MiB in tmpfs (shmem is not inactive file cache, so it counts as used memory).
        containers.sh("memfill", List.of("--shm-size", "96m"),
                "head -c 50331648 /dev/zero > /dev/shm/fill; sleep 3600");
        // 32 MiB of page cache: written, then read back; the CLI formula must not count it.
        containers.sh("pagecache", List.of(), "head -c 33554432 /dev/zero > /tmp/f; cat /tmp/f > /dev/null; sleep 3600");
        engine = EngineFactory.dockerJava().open(EngineSpec.of(host));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (containers != null) {
            containers.close();
        }
    }

    @Test
    void figuresMatchDockerStatsNoStream() throws Exception {
        Thread.sleep(1500); // let the fillers finish writing
        Map<String, JsonNode> cli;
        Snapshot ours;
        try (Snapshotter snapshotter = new Snapshotter(List.of(engine), Clock.systemUTC())) {
            CompletableFuture<String> docker = CompletableFuture.supplyAsync(() -> containers.docker("stats",
                    "--no-stream", "--format", "{{json .}}", containers.prefix + "idle", containers.prefix + "burner",
                    containers.prefix + "memfill", containers.prefix + "pagecache"));
            ours = snapshotter.take(false);
            cli = parseCli(docker.get());
        }
        Map<String, ContainerStats> mine = new HashMap<>();
        for (ContainerView v : ours.containers()) {
            if (v.details().name().startsWith(containers.prefix)) {
                mine.put(v.details().name().substring(containers.prefix.length()), v.stats());
            }
        }
        assertThat(mine.keySet()).containsExactlyInAnyOrder("idle", "burner", "memfill", "pagecache");
        for (var e : mine.entrySet()) {
            JsonNode c = cli.get(containers.prefix + e.getKey());
            ContainerStats s = e.getValue();
            String[] mem = c.path("MemUsage").asText().split(" / ");
            assertThat(s.pids()).as(e.getKey() + " pids").isEqualTo(c.path("PIDs").asLong());
            assertThat((double) s.memUsageBytes()).as(e.getKey() + " memory")
                    .isCloseTo(bytes(mem[0]), within(bytes(mem[0]) * 0.03 + 128 * 1024));
            assertThat((double) s.memLimitBytes()).as(e.getKey() + " limit")
                    .isCloseTo(bytes(mem[1]), within(bytes(mem[1]) * 0.001));
            assertThat(s.memPercent()).as(e.getKey() + " mem %").isCloseTo(percent(c.path("MemPerc")), within(0.1));
            String[] net = c.path("NetIO").asText().split(" / ");
            assertThat((double) s.netRxBytes()).isCloseTo(bytes(net[0]), within(bytes(net[0]) * 0.01));
            assertThat((double) s.netTxBytes()).isCloseTo(bytes(net[1]), within(bytes(net[1]) * 0.01));
            String[] block = c.path("BlockIO").asText().split(" / ");
            assertThat((double) s.blockReadBytes()).isCloseTo(bytes(block[0]), within(bytes(block[0]) * 0.05 + 1e6));
            assertThat((double) s.blockWriteBytes()).isCloseTo(bytes(block[1]), within(bytes(block[1]) * 0.05 + 1e6));
        }
        // CPU: both sample a one-second window of the same busy container; they agree within load noise.
        double cliBurner = percent(cli.get(containers.prefix + "burner").path("CPUPerc"));
        assertThat(mine.get("burner").cpuPercent()).isCloseTo(cliBurner, within(Math.max(30.0, cliBurner * 0.3)));
        assertThat(mine.get("burner").cpuPercent()).isGreaterThan(5.0);
        assertThat(mine.get("idle").cpuPercent()).isLessThan(2.0);
        // The memory filler's 48 MiB count; the page cache container's 32 MiB do not.
        assertThat(mine.get("memfill").memUsageBytes()).isGreaterThan(48L << 20);
        assertThat(mine.get("pagecache").memUsageBytes()).isLessThan(16L << 20);
    }

    private static Map<String, JsonNode> parseCli(String lines) throws Exception {
        ObjectMapper m = new ObjectMapper();
        Map<String, JsonNode> out = new HashMap<>();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = m.readTree(line);
                out.put(n.path("Name").asText(), n);
            }
        }
        return out;
    }

    private static double percent(JsonNode n) {
        return Double.parseDouble(n.asText().replace("%", ""));
    }

    private static final Pattern SIZE = Pattern.compile("([0-9.]+)\\s*([a-zA-Z]*)");

    /** Parses go-units output: {@code 1.5MiB}, {@code 23.54GiB}, {@code 1.23kB}, {@code 0B}. */
    static double bytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        double v = Double.parseDouble(m.group(1));
        return v * switch (m.group(2)) {
            case "", "B" -> 1;
            case "kB", "KB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            case "TB" -> 1e12;
            case "KiB" -> 1024;
            case "MiB" -> 1024.0 * 1024;
            case "GiB" -> 1024.0 * 1024 * 1024;
            case "TiB" -> 1024.0 * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("unit " + m.group(2));
        };
    }
}
