package dev.bulwark.ratelimit.recommend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.sim.ScenarioLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a recommended limit for other rate limiters. Each export starts with comments saying where the
 * limit came from and, where the target cannot express the strategy exactly, what differs.
 */
public final class LimitExports {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private LimitExports() {
    }

    /** {@code r} of {@code report} in {@code format}. */
    public static String render(ExportFormat format, RecommendReport report, Recommendation r) {
        return switch (format) {
            case ENVOY -> envoy(report, r);
            case NGINX -> nginx(report, r);
            case BUCKET4J -> bucket4j(report, r);
            case SCENARIO -> scenario(report, r);
        };
    }

    /** One line saying what was recommended from what. */
    static String origin(RecommendReport report, Recommendation r) {
        RecommendOptions o = report.options();
        return "recommended by Bulwark from " + fileName(report.log()) + ": " + describe(r) + ", key " + o.keyBy().id()
                + ", " + o.targetPercent().stripTrailingZeros().toPlainString() + " % of " + report.profile().keyCount()
                + " keys never throttled (replayed: " + r.verification().keysThrottled() + " throttled)"
                + (o.filter().none() ? "" : "; filters: " + o.filter().describe());
    }

    /** E.g. {@code sliding-log limit 120 per 60 s} or {@code token-bucket capacity 25 rate 10/s}. */
    public static String describe(Recommendation r) {
        return r.bucket() ? r.strategy().id() + " capacity " + r.limit() + " rate " + r.rate()
                : r.strategy().id() + " limit " + r.limit() + " per " + r.windowSeconds() + " s";
    }

    // ---- Envoy ----

    private static String envoy(RecommendReport report, Recommendation r) {
        List<String> notes = new ArrayList<>();
        String unit;
        long perUnit;
        if (r.bucket()) {
            unit = envoyUnit(r.rate().periodSeconds());
            perUnit = r.rate().tokens();
            if (unit == null) {
                unit = "second";
                perUnit = (long) Math.ceil(r.rate().perSecond());
                notes.add("the rate " + r.rate() + " has no Envoy unit: rounded up to " + perUnit + " per second");
            }
            notes.add("NOT EXACT: the ratelimit service counts requests in fixed windows of one " + unit
                    + " aligned to the clock; it has no burst capacity. The " + r.strategy().id() + " capacity "
                    + r.limit() + " cannot be expressed: a key may send " + perUnit + " per " + unit
                    + " however they bunch up. For a real token bucket per Envoy instance use the local rate limit"
                    + " filter (envoy.filters.http.local_ratelimit) token_bucket: max_tokens " + r.limit()
                    + ", tokens_per_fill " + r.rate().tokens() + ", fill_interval " + r.rate().periodSeconds() + "s");
        } else {
            unit = envoyUnit(r.windowSeconds());
            perUnit = r.limit();
            if (unit == null) {
                long u = r.windowSeconds() < 60 ? 60 : r.windowSeconds() < 3600 ? 3600 : 86_400;
                unit = envoyUnit(u);
                perUnit = (long) Math.ceil((double) r.limit() * u / r.windowSeconds());
                notes.add("NOT EXACT: Envoy has only second, minute, hour and day units; the " + r.windowSeconds()
                        + " s window is scaled to " + perUnit + " per " + unit + ", which allows bursts of up to "
                        + perUnit + " within " + r.windowSeconds() + " s");
            }
            if (r.strategy() != Algorithm.FIXED_WINDOW) {
                notes.add("NOT EXACT: the ratelimit service counts in fixed windows aligned to the clock, not a "
                        + r.strategy().id() + ": a key can pass up to " + 2 * perUnit + " across a window boundary;"
                        + " the fixed-window recommendation is the one computed for this behaviour");
            }
        }
        notes.add("route rate_limits actions must produce the descriptor: " + switch (report.options().keyBy()) {
            case IP -> "actions: [{remote_address: {}}]";
            case USER -> "actions: [{request_headers: {header_name: <header carrying the user>, descriptor_key: user}}]";
            case IP_PATH -> "actions: [{remote_address: {}}, {request_headers: {header_name: <header carrying the"
                    + " first path segment>, descriptor_key: path_prefix}}]";
        });
        ObjectNode root = YAML.createObjectNode();
        root.put("domain", "bulwark");
        ArrayNode descriptors = root.putArray("descriptors");
        ObjectNode d = descriptors.addObject();
        ObjectNode leaf = d;
        switch (report.options().keyBy()) {
            case IP -> d.put("key", "remote_address");
            case USER -> d.put("key", "user");
            case IP_PATH -> {
                d.put("key", "remote_address");
                leaf = d.putArray("descriptors").addObject();
                leaf.put("key", "path_prefix");
            }
        }
        ObjectNode rl = leaf.putObject("rate_limit");
        rl.put("unit", unit);
        rl.put("requests_per_unit", perUnit);
        return comments(origin(report, r), notes) + yaml(root);
    }

    private static String envoyUnit(long seconds) {
        return switch ((int) Math.min(seconds, Integer.MAX_VALUE)) {
            case 1 -> "second";
            case 60 -> "minute";
            case 3600 -> "hour";
            case 86_400 -> "day";
            default -> null;
        };
    }

    // ---- NGINX ----

    private static String nginx(RecommendReport report, Recommendation r) {
        List<String> notes = new ArrayList<>();
        long tokens = r.bucket() ? r.rate().tokens() : r.limit();
        long period = r.bucket() ? r.rate().periodSeconds() : r.windowSeconds();
        String rate;
        if (period == 1) {
            rate = tokens + "r/s";
        } else if (60 % period == 0) {
            long perMinute = tokens * (60 / period);
            rate = perMinute % 60 == 0 ? perMinute / 60 + "r/s" : perMinute + "r/m";
        } else {
            long perMinute = (long) Math.ceil((double) tokens * 60 / period);
            rate = perMinute + "r/m";
            if (perMinute * period != tokens * 60) {
                notes.add("NOT EXACT: nginx rates are whole requests per second or per minute: " + tokens + " per "
                        + period + " s is rounded up to " + rate);
            }
        }
        long burst = r.limit() - 1;
        notes.add("nginx limit_req is a leaky bucket kept in milli-requests at millisecond resolution; with nodelay,"
                + " burst=" + burst + " lets " + r.limit() + " requests through at once and then " + rate
                + ": the token bucket of capacity " + r.limit() + " at that rate, up to rounding");
        if (!r.bucket()) {
            notes.add("NOT EXACT: nginx has no " + r.strategy().id() + "; limit " + r.limit() + " per "
                    + r.windowSeconds() + " s is approximated by a bucket of " + r.limit() + " refilled at "
                    + r.limit() + " per " + r.windowSeconds() + " s, which admits up to about " + (2 * r.limit() - 1)
                    + " requests within one window");
        }
        String var = switch (report.options().keyBy()) {
            case IP -> "$binary_remote_addr";
            case USER -> "$remote_user";
            case IP_PATH -> "$binary_remote_addr$bulwark_path_prefix";
        };
        if (report.options().keyBy() == KeyBy.USER) {
            notes.add("requests without a user have an empty $remote_user and are not limited by this zone"
                    + " (the recommendation counted them by address)");
        }
        // about 128 bytes per key in the zone; at least 1 MB
        long mb = Math.max(1, (report.profile().keyCount() * 2L * 128 + (1 << 20) - 1) >> 20);
        StringBuilder b = new StringBuilder(comments(origin(report, r), notes));
        b.append("# http block (zone sized for twice the ").append(report.profile().keyCount()).append(" keys seen):\n");
        if (report.options().keyBy() == KeyBy.IP_PATH) {
            b.append("map $uri $bulwark_path_prefix {\n    ~^(?<p>(/[^/]*){1,").append(report.options().pathDepth())
                    .append("}) $p;\n}\n");
        }
        b.append("limit_req_zone ").append(var).append(" zone=bulwark_recommended:").append(mb).append("m rate=")
                .append(rate).append(";\n");
        b.append("# server or location block:\n");
        b.append("limit_req zone=bulwark_recommended").append(burst > 0 ? " burst=" + burst : "").append(" nodelay;\n");
        b.append("limit_req_status 429;\n");
        return b.toString();
    }

    // ---- Bucket4j ----

    private static String bucket4j(RecommendReport report, Recommendation r) {
        List<String> notes = new ArrayList<>();
        String refill;
        if (r.bucket()) {
            refill = ".refillGreedy(" + r.rate().tokens() + ", " + duration(r.rate().periodSeconds()) + ")";
            if (r.strategy() == Algorithm.GCRA) {
                notes.add("GCRA with burst tolerance " + r.limit() + " admits exactly what this greedy bucket admits");
            }
        } else if (r.strategy() == Algorithm.FIXED_WINDOW) {
            refill = ".refillIntervallyAligned(" + r.limit() + ", " + duration(r.windowSeconds())
                    + ", Instant.EPOCH)";
            notes.add("an aligned interval refill of the full capacity is the fixed window: windows start at"
                    + " multiples of " + r.windowSeconds() + " s since the epoch, as in the replay");
        } else {
            refill = ".refillIntervally(" + r.limit() + ", " + duration(r.windowSeconds()) + ")";
            notes.add("NOT EXACT: Bucket4j has no " + r.strategy().id() + "; this refills " + r.limit() + " every "
                    + r.windowSeconds() + " s (a fixed window starting at the bucket's first use), which allows up"
                    + " to " + 2 * r.limit() + " across a refill");
        }
        return comments("// ", origin(report, r), notes)
                + "// one bucket per key (" + report.options().keyBy().id() + "), e.g. in a ProxyManager or a map\n"
                + "Bandwidth limit = Bandwidth.builder()\n"
                + "        .capacity(" + r.limit() + ")\n"
                + "        " + refill + "\n"
                + "        .build();\n"
                + "Bucket bucket = Bucket.builder().addLimit(limit).build();\n";
    }

    private static String duration(long seconds) {
        if (seconds % 3600 == 0) {
            return "Duration.ofHours(" + seconds / 3600 + ")";
        }
        if (seconds % 60 == 0) {
            return "Duration.ofMinutes(" + seconds / 60 + ")";
        }
        return "Duration.ofSeconds(" + seconds + ")";
    }

    // ---- scenario ----

    private static String scenario(RecommendReport report, Recommendation r) {
        RecommendOptions o = report.options();
        List<String> notes = new ArrayList<>();
        notes.add("replays the log against the recommended limit and one unit less; open it in the lab or run"
                + " 'bulwark ratelimit simulate' on it");
        notes.add("the lab's replay spreads the requests of each logged second evenly across that second, while"
                + " the recommendation treats them as one instant: counts per window can differ slightly");
        if (!o.filter().none()) {
            notes.add("NOT EXACT: the replay reads every line of the log; the filters (" + o.filter().describe()
                    + ") are not applied");
        }
        if (o.keyBy() == KeyBy.IP_PATH) {
            notes.add("NOT EXACT: the replay keys by address only; ip+path keys cannot be expressed");
        }
        try {
            if (LogScanner.isGzip(report.log())) {
                notes.add("NOT EXACT: the lab's replay reads plain-text logs only: decompress " + fileName(report.log())
                        + " (gunzip -k) and point clients[0].traffic.file at the plain file");
            }
            if (java.nio.file.Files.size(report.log()) > ScenarioLimits.MAX_REPLAY_BYTES) {
                notes.add("the log is larger than the " + ScenarioLimits.MAX_REPLAY_BYTES / (1024 * 1024)
                        + " MB a scenario may replay: cut it (e.g. with head) before loading this scenario");
            }
        } catch (IOException e) {
            notes.add("cannot read " + fileName(report.log()) + " any more: " + e.getMessage());
        }
        long span = report.scan().lastSecond() - report.scan().firstSecond() + 1;
        long max = ScenarioLimits.MAX_DURATION.toSeconds();
        if (span > max) {
            notes.add("NOT EXACT: the log spans " + span + " s; a scenario runs at most " + max
                    + " s, so only its start is replayed");
            span = max;
        }
        ObjectNode root = YAML.createObjectNode();
        root.put("name", "recommended " + describe(r) + " from " + fileName(report.log()));
        root.put("duration", span + "s");
        root.put("seed", 1);
        ObjectNode client = root.putArray("clients").addObject();
        client.put("name", fileName(report.log()));
        ObjectNode traffic = client.putObject("traffic");
        traffic.put("type", "replay");
        traffic.put("file", report.log().toAbsolutePath().toString());
        traffic.put("keyBy", o.keyBy() == KeyBy.USER ? "user" : "ip");
        traffic.put("speed", 1);
        ArrayNode limiters = root.putArray("limiters");
        limiters.add(limiter(r.config(), "recommended"));
        if (r.limit() > 1) {
            limiters.add(limiter(LimitRecommender.oneLess(r.config()), "one-less"));
        }
        return comments(origin(report, r), notes) + yaml(root);
    }

    private static ObjectNode limiter(LimitConfig c, String name) {
        ObjectNode n = YAML.createObjectNode();
        n.put("name", name);
        n.put("strategy", c.algorithm().id());
        n.put("capacity", c.capacity());
        if (c.isBucket()) {
            n.put("rate", c.tokens());
        }
        n.put("period", c.period().toSeconds() + "s");
        return n;
    }

    // ---- shared ----

    private static String comments(String origin, List<String> notes) {
        return comments("# ", origin, notes);
    }

    private static String comments(String prefix, String origin, List<String> notes) {
        StringBuilder b = new StringBuilder();
        b.append(prefix).append(origin).append('\n');
        for (String n : notes) {
            b.append(prefix).append(n).append('\n');
        }
        return b.toString();
    }

    private static String yaml(ObjectNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fileName(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }
}
