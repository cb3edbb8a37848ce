package dev.bulwark.ratelimit.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders results as JSON or CSV with stable snake_case field names. */
public final class ResultWriter {
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Output formats. */
    public enum Format {
        /** A JSON array of objects. */
        JSON,
        /** CSV with a header row. */
        CSV
    }

    private static final List<String> TOTAL_FIELDS = List.of("strategy", "limiter", "offered", "allowed", "rejected",
            "max_in_window", "jain", "p50_us", "p99_us", "config", "window_ms", "max_in_window_ratio", "note");
    private static final List<String> SERIES_FIELDS = List.of("limiter", "second", "offered", "allowed", "rejected",
            "allowed_cost", "max_in_window", "seconds");
    private static final List<String> CLIENT_SERIES_FIELDS = List.of("limiter", "second", "client", "rank",
            "offered", "allowed", "rejected", "seconds");
    /** The client name of the row that sums every client outside a second's busiest. */
    public static final String OTHER_CLIENTS = "(other clients)";

    /** Per-strategy totals. */
    public String totals(SimulationResult r, Format f) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LimiterResult l : r.limiters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("strategy", l.strategy());
            m.put("limiter", l.limiter());
            m.put("offered", l.offered());
            m.put("allowed", l.allowed());
            m.put("rejected", l.rejected());
            m.put("max_in_window", l.maxInWindow());
            m.put("jain", round(l.jain(), 4));
            m.put("p50_us", round(l.p50Micros(), 3));
            m.put("p99_us", round(l.p99Micros(), 3));
            m.put("config", l.config());
            m.put("window_ms", l.windowNanos() / 1e6);
            m.put("max_in_window_ratio", round(l.maxInWindowRatio(), 3));
            m.put("note", l.note());
            rows.add(m);
        }
        return render(rows, TOTAL_FIELDS, f);
    }

    /**
     * The series of every limiter: a row per second, or per {@code seconds} seconds from {@code second} in the
     * aggregated series of a run longer than {@link ScenarioLimits#MAX_SERIES_POINTS} seconds.
     */
    public String series(SimulationResult r, Format f) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LimiterResult l : r.limiters()) {
            for (SecondSample s : l.series()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("limiter", s.limiter());
                m.put("second", s.second());
                m.put("offered", s.offered());
                m.put("allowed", s.allowed());
                m.put("rejected", s.rejected());
                m.put("allowed_cost", s.allowedCost());
                m.put("max_in_window", s.maxInWindow());
                m.put("seconds", s.seconds());
                rows.add(m);
            }
        }
        return render(rows, SERIES_FIELDS, f);
    }

    /**
     * The per-client breakdown of the series: per limiter and second, one row per busiest client (rank 1 is
     * the busiest) and, when other clients sent anything, one row {@value #OTHER_CLIENTS} with rank 0. The
     * rows of a limiter and second add up to its row in {@link #series}.
     */
    public String clientSeries(SimulationResult r, Format f) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LimiterResult l : r.limiters()) {
            for (SecondSample s : l.series()) {
                int rank = 0;
                for (ClientResult c : s.topClients()) {
                    rows.add(clientRow(s, c.client(), ++rank, c.offered(), c.allowed()));
                }
                if (s.otherOffered() > 0) {
                    rows.add(clientRow(s, OTHER_CLIENTS, 0, s.otherOffered(), s.otherAllowed()));
                }
            }
        }
        return render(rows, CLIENT_SERIES_FIELDS, f);
    }

    private static Map<String, Object> clientRow(SecondSample s, String client, int rank, long offered, long allowed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limiter", s.limiter());
        m.put("second", s.second());
        m.put("client", client);
        m.put("rank", rank);
        m.put("offered", offered);
        m.put("allowed", allowed);
        m.put("rejected", offered - allowed);
        m.put("seconds", s.seconds());
        return m;
    }

    private String render(List<Map<String, Object>> rows, List<String> fields, Format f) {
        if (f == Format.JSON) {
            try {
                return json.writeValueAsString(rows) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render results as JSON", e);
            }
        }
        StringBuilder sb = new StringBuilder(String.join(",", fields)).append('\n');
        for (Map<String, Object> row : rows) {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(csv(row.get(fields.get(i))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String csv(Object v) {
        String s = String.valueOf(v);
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static double round(double v, int digits) {
        return Double.parseDouble(String.format(Locale.ROOT, "%." + digits + "f", v));
    }
}
