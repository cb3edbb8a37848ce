package dev.bulwark.ratelimit.recommend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Renders a {@link RecommendReport} as JSON or as a readable table. */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** {@code 1s}, {@code 10s}, {@code 1m}, {@code 1h}, {@code 90s}. */
    public static String window(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /**
     * The JSON document: the scan, the distribution, the top keys, and one object per strategy (and window)
     * with its parameters ({@code limit} + {@code window}, or {@code capacity} + {@code rate} + {@code period}),
     * {@code keys_total}, {@code keys_throttled}, {@code requests_throttled}.
     */
    public static String json(RecommendReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("log", r.log().toString());
        root.put("key", r.options().keyBy().id());
        root.put("target_percent", r.options().targetPercent());
        root.put("filters", r.options().filter().describe());
        ScanReport s = r.scan();
        root.put("lines", s.lines());
        root.put("requests", s.used());
        root.put("bad_lines", s.bad());
        root.put("filtered_lines", s.filtered());
        root.put("late_lines", s.late());
        root.put("first", Instant.ofEpochSecond(s.firstSecond()).toString());
        root.put("last", Instant.ofEpochSecond(s.lastSecond()).toString());
        root.put("keys_total", r.profile().keyCount());
        root.put("keys_allowed_throttled", r.keysAllowed());
        ArrayNode dist = root.putArray("distribution");
        for (Distribution d : r.distributions()) {
            ObjectNode n = dist.addObject();
            n.put("window", window(d.windowSeconds()));
            n.put("p50", d.p50());
            n.put("p90", d.p90());
            n.put("p99", d.p99());
            n.put("p99_9", d.p999());
            n.put("max", d.max());
        }
        ArrayNode top = root.putArray("top_keys");
        for (RecommendReport.TopKey k : r.topKeys()) {
            ObjectNode n = top.addObject();
            n.put("key", k.key());
            n.put("requests", k.requests());
            ObjectNode m = n.putObject("max_in_window");
            for (int i = 0; i < k.maxInWindow().size(); i++) {
                m.put(window(r.profile().windows().get(i)), k.maxInWindow().get(i));
            }
            r.bucketRate().ifPresent(rate -> {
                ObjectNode b = n.putObject("bucket");
                b.put("rate", rate.tokens());
                b.put("period", window(rate.periodSeconds()));
                b.put("capacity", r.capacityNeed(k, rate));
            });
        }
        ArrayNode recs = root.putArray("recommendations");
        for (Recommendation rec : r.recommendations()) {
            ObjectNode n = recs.addObject();
            n.put("strategy", rec.strategy().id());
            if (rec.bucket()) {
                n.put("capacity", rec.limit());
                n.put("rate", rec.rate().tokens());
                n.put("period", window(rec.rate().periodSeconds()));
            } else {
                n.put("limit", rec.limit());
                n.put("window", window(rec.windowSeconds()));
            }
            Verification v = rec.verification();
            n.put("keys_total", v.keysTotal());
            n.put("keys_throttled", v.keysThrottled());
            n.put("requests_throttled", v.requestsThrottled());
            n.put("within_target", v.withinTarget());
            if (rec.oneLess() != null) {
                ObjectNode l = n.putObject("one_less");
                l.put(rec.bucket() ? "capacity" : "limit", rec.oneLess().config().capacity());
                l.put("keys_throttled", rec.oneLess().keysThrottled());
                l.put("requests_throttled", rec.oneLess().requestsThrottled());
                l.put("within_target", rec.oneLess().withinTarget());
            }
            if (rec.note() != null) {
                n.put(rec.bucket() ? "why" : "note", rec.note());
            }
            ArrayNode who = n.putArray("throttled_keys");
            for (Verification.ThrottledKey k : v.throttled()) {
                ObjectNode t = who.addObject();
                t.put("key", k.key());
                t.put("requests", k.requests());
                t.put("throttled", k.throttled());
                t.put("first_throttled", Instant.ofEpochSecond(k.firstThrottled()).toString());
            }
            if (rec.bucket()) {
                ArrayNode f = n.putArray("frontier");
                for (Recommendation.FrontierPoint p : rec.frontier()) {
                    ObjectNode o = f.addObject();
                    o.put("capacity", p.capacity());
                    o.put("rate", p.rate().tokens());
                    o.put("period", window(p.rate().periodSeconds()));
                }
            }
        }
        ArrayNode problems = root.putArray("problems");
        s.problems().forEach(problems::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table for people. */
    public static String table(RecommendReport r) {
        StringBuilder b = new StringBuilder();
        ScanReport s = r.scan();
        int keys = r.profile().keyCount();
        b.append(String.format(Locale.ROOT, "%s: %,d lines, %,d requests from %,d keys (key %s), %s to %s%n",
                r.log().getFileName(), s.lines(), s.used(), keys, r.options().keyBy().id(),
                Instant.ofEpochSecond(s.firstSecond()), Instant.ofEpochSecond(s.lastSecond())));
        if (s.bad() > 0 || s.filtered() > 0 || s.late() > 0) {
            b.append(String.format(Locale.ROOT, "  %,d unreadable lines skipped, %,d left out by filters (%s), %,d"
                    + " late lines%n", s.bad(), s.filtered(), r.options().filter().describe(), s.late()));
        }
        b.append(String.format(Locale.ROOT, "%nMost requests per key in any window, across keys:%n"));
        b.append(String.format(Locale.ROOT, "  %-7s %8s %8s %8s %8s %8s%n", "window", "p50", "p90", "p99", "p99.9",
                "max"));
        for (Distribution d : r.distributions()) {
            b.append(String.format(Locale.ROOT, "  %-7s %8d %8d %8d %8d %8d%n", window(d.windowSeconds()), d.p50(),
                    d.p90(), d.p99(), d.p999(), d.max()));
        }
        if (!r.topKeys().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nTop keys by requests:%n  %-40s %10s", "key", "requests"));
            for (long w : r.profile().windows()) {
                b.append(String.format(Locale.ROOT, " %7s", "max/" + window(w)));
            }
            BucketRate rate = r.bucketRate().orElse(null);
            if (rate != null) {
                b.append(String.format(Locale.ROOT, " %14s", "bucket@" + rate));
            }
            b.append('\n');
            for (RecommendReport.TopKey k : r.topKeys()) {
                b.append(String.format(Locale.ROOT, "  %-40s %10d", clip(k.key(), 40), k.requests()));
                for (long m : k.maxInWindow()) {
                    b.append(String.format(Locale.ROOT, " %7d", m));
                }
                if (rate != null) {
                    b.append(String.format(Locale.ROOT, " %14d", r.capacityNeed(k, rate)));
                }
                b.append('\n');
            }
        }
        b.append(String.format(Locale.ROOT, "%nRecommended for %s %% of %,d keys never throttled (at most %,d"
                        + " throttled), each replayed through the limiter:%n",
                r.options().targetPercent().stripTrailingZeros().toPlainString(), keys, r.keysAllowed()));
        b.append(String.format(Locale.ROOT, "  %-15s %-26s %16s %12s   %s%n", "strategy", "parameters",
                "keys throttled", "requests", "one unit less"));
        for (Recommendation rec : r.recommendations()) {
            Verification v = rec.verification();
            String params = rec.bucket() ? "capacity " + rec.limit() + " rate " + rec.rate()
                    : "limit " + rec.limit() + " per " + window(rec.windowSeconds());
            String less = rec.oneLess() == null ? "(limit is 1)"
                    : String.format(Locale.ROOT, "%d keys throttled%s", rec.oneLess().keysThrottled(),
                    rec.oneLess().withinTarget() ? "  NOT TIGHT" : "");
            b.append(String.format(Locale.ROOT, "  %-15s %-26s %8d (%4.1f%%) %12d   %s%s%n", rec.strategy().id(),
                    params, v.keysThrottled(), v.keysThrottledPercent(), v.requestsThrottled(), less,
                    v.withinTarget() ? "" : "  OVER TARGET"));
        }
        for (Recommendation rec : r.recommendations()) {
            if (rec.note() != null) {
                b.append(String.format(Locale.ROOT, "%n%s: %s%n", rec.strategy().id(), rec.note()));
            }
        }
        Recommendation bucket = r.recommendations().stream().filter(Recommendation::bucket).findFirst().orElse(null);
        if (bucket != null) {
            b.append(String.format(Locale.ROOT, "%nBucket frontier (smallest capacity per rate; * recommended):%n"
                    + "  %10s %10s %16s%n", "rate", "capacity", "max in " + window(r.options().horizonSeconds())));
            for (Recommendation.FrontierPoint p : bucket.frontier()) {
                b.append(String.format(Locale.ROOT, "  %10s %10d %16.0f%s%n", p.rate(), p.capacity(), p.admitted(),
                        p.rate().equals(bucket.rate()) ? " *" : ""));
            }
        }
        for (Recommendation rec : r.recommendations()) {
            List<Verification.ThrottledKey> who = rec.verification().throttled();
            if (!who.isEmpty()) {
                b.append(String.format(Locale.ROOT, "%nThrottled by %s (%d keys; top %d):%n",
                        LimitExports.describe(rec), rec.verification().keysThrottled(), who.size()));
                for (Verification.ThrottledKey k : who) {
                    b.append(String.format(Locale.ROOT, "  %-40s %8d of %8d requests, first at %s%n", clip(k.key(), 40),
                            k.throttled(), k.requests(), Instant.ofEpochSecond(k.firstThrottled())));
                }
            }
        }
        return b.toString();
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
