package dev.bulwark.docker.stats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Reads a stats frame (JSON, cgroup v1 or v2 layout) into {@link RawStats}. Streaming: it picks the few
 * fields the figures need and skips the rest without building a tree, because every running container
 * sends one frame a second for as long as the console is open.
 */
public final class StatsParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatsParser() {
    }

    /** Parses a frame already read as a tree (tests, recorded frames). */
    public static RawStats parse(JsonNode frame) {
        try (JsonParser p = MAPPER.treeAsTokens(frame)) {
            p.nextToken();
            return read(p);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a stats tree cannot fail", e);
        }
    }

    /**
     * Reads one frame; {@code p} is on the frame's {@code START_OBJECT} and is left on its {@code END_OBJECT}.
     * Missing sections read as zero, as the Docker CLI treats them.
     */
    public static RawStats read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("stats frame is not a JSON object but " + p.currentToken());
        }
        Frame f = new Frame();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "read" -> f.read = v == JsonToken.VALUE_STRING ? Rfc3339.parse(p.getText()) : null;
                case "cpu_stats" -> cpu(p, f, false);
                case "precpu_stats" -> cpu(p, f, true);
                case "memory_stats" -> memory(p, f);
                case "networks" -> networks(p, f);
                case "blkio_stats" -> blkio(p, f);
                case "pids_stats" -> forFields(p, (n, t) -> {
                    if (n.equals("current")) {
                        f.pids = number(p);
                    } else {
                        p.skipChildren();
                    }
                });
                default -> p.skipChildren();
            }
        }
        return new RawStats(f.read, f.cpuTotal, f.systemCpu, f.onlineCpus, f.perCpuCount, f.preCpuTotal,
                f.preSystemCpu, f.memUsage, f.memLimit, f.totalInactiveFile, f.inactiveFile, f.netRx, f.netTx,
                f.blockRead, f.blockWrite, f.pids);
    }

    private static void cpu(JsonParser p, Frame f, boolean pre) throws IOException {
        forFields(p, (name, t) -> {
            switch (name) {
                case "cpu_usage" -> forFields(p, (n, t2) -> {
                    if (n.equals("total_usage")) {
                        if (pre) {
                            f.preCpuTotal = number(p);
                        } else {
                            f.cpuTotal = number(p);
                        }
                    } else if (n.equals("percpu_usage") && t2 == JsonToken.START_ARRAY && !pre) {
                        int count = 0;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            count++;
                        }
                        f.perCpuCount = count;
                    } else {
                        p.skipChildren();
                    }
                });
                case "system_cpu_usage" -> {
                    if (pre) {
                        f.preSystemCpu = number(p);
                    } else {
                        f.systemCpu = number(p);
                    }
                }
                case "online_cpus" -> {
                    if (!pre) {
                        f.onlineCpus = number(p);
                    }
                }
                default -> p.skipChildren();
            }
        });
    }

    private static void memory(JsonParser p, Frame f) throws IOException {
        forFields(p, (name, t) -> {
            switch (name) {
                case "usage" -> f.memUsage = number(p);
                case "limit" -> f.memLimit = number(p);
                case "stats" -> forFields(p, (n, t2) -> {
                    if (n.equals("total_inactive_file") && t2 != JsonToken.VALUE_NULL) {
                        f.totalInactiveFile = number(p);
                    } else if (n.equals("inactive_file") && t2 != JsonToken.VALUE_NULL) {
                        f.inactiveFile = number(p);
                    } else {
                        p.skipChildren();
                    }
                });
                default -> p.skipChildren();
            }
        });
    }

    private static void networks(JsonParser p, Frame f) throws IOException {
        forFields(p, (iface, t) -> forFields(p, (n, t2) -> {
            if (n.equals("rx_bytes")) {
                f.netRx += number(p);
            } else if (n.equals("tx_bytes")) {
                f.netTx += number(p);
            } else {
                p.skipChildren();
            }
        }));
    }

    private static void blkio(JsonParser p, Frame f) throws IOException {
        forFields(p, (name, t) -> {
            if (!name.equals("io_service_bytes_recursive") || t != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String[] op = {""};
                long[] value = {0};
                forFields(p, (n, t2) -> {
                    if (n.equals("op")) {
                        op[0] = p.getText();
                    } else if (n.equals("value")) {
                        value[0] = number(p);
                    } else {
                        p.skipChildren();
                    }
                });
                // The CLI matches the op's first letter case-insensitively: "Read"/"read" (v1/v2).
                if (!op[0].isEmpty()) {
                    switch (Character.toLowerCase(op[0].charAt(0))) {
                        case 'r' -> f.blockRead += value[0];
                        case 'w' -> f.blockWrite += value[0];
                        default -> { /* sync, async, total are not counted */ }
                    }
                }
            }
        });
    }

    /** Calls {@code body} for each field of the object the parser is on; skips non-objects. */
    private static void forFields(JsonParser p, FieldBody body) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            body.accept(name, t);
        }
    }

    private static long number(JsonParser p) throws IOException {
        return p.currentToken().isNumeric() ? p.getValueAsLong() : 0;
    }

    @FunctionalInterface
    private interface FieldBody {
        void accept(String name, JsonToken value) throws IOException;
    }

    /** Mutable accumulator for one frame. */
    private static final class Frame {
        Instant read;
        long cpuTotal;
        long systemCpu;
        long onlineCpus;
        int perCpuCount;
        long preCpuTotal;
        long preSystemCpu;
        long memUsage;
        long memLimit;
        Long totalInactiveFile;
        Long inactiveFile;
        long netRx;
        long netTx;
        long blockRead;
        long blockWrite;
        long pids;
    }
}
