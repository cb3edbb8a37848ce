package dev.bulwark.docker.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;

/** Reads a stats frame (JSON, cgroup v1 or v2 layout) into {@link RawStats}. */
public final class StatsParser {

    private StatsParser() {
    }

    /** Parses one frame; missing sections read as zero, as the Docker CLI treats them. */
    public static RawStats parse(JsonNode n) {
        JsonNode cpu = n.path("cpu_stats");
        JsonNode pre = n.path("precpu_stats");
        JsonNode mem = n.path("memory_stats");
        JsonNode memStats = mem.path("stats");
        long rx = 0;
        long tx = 0;
        for (Iterator<JsonNode> it = n.path("networks").elements(); it.hasNext(); ) {
            JsonNode net = it.next();
            rx += net.path("rx_bytes").asLong(0);
            tx += net.path("tx_bytes").asLong(0);
        }
        long read = 0;
        long write = 0;
        for (JsonNode e : n.path("blkio_stats").path("io_service_bytes_recursive")) {
            // The CLI matches the op's first letter case-insensitively: "Read"/"read" (v1/v2).
            String op = e.path("op").asText("");
            if (op.isEmpty()) {
                continue;
            }
            switch (Character.toLowerCase(op.charAt(0))) {
                case 'r' -> read += e.path("value").asLong(0);
                case 'w' -> write += e.path("value").asLong(0);
                default -> { /* sync/async/total are not counted */ }
            }
        }
        return new RawStats(instant(n.path("read").asText(null)),
                cpu.path("cpu_usage").path("total_usage").asLong(0),
                cpu.path("system_cpu_usage").asLong(0),
                cpu.path("online_cpus").asLong(0),
                cpu.path("cpu_usage").path("percpu_usage").size(),
                pre.path("cpu_usage").path("total_usage").asLong(0),
                pre.path("system_cpu_usage").asLong(0),
                mem.path("usage").asLong(0),
                mem.path("limit").asLong(0),
                optionalLong(memStats, "total_inactive_file"),
                optionalLong(memStats, "inactive_file"),
                rx, tx, read, write,
                n.path("pids_stats").path("current").asLong(0));
    }

    private static Long optionalLong(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static Instant instant(String text) {
        if (text == null || text.isEmpty() || text.toLowerCase(Locale.ROOT).startsWith("0001-01-01")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
