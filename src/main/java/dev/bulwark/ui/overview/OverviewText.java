package dev.bulwark.ui.overview;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.ratelimit.sim.LimiterResult;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.scan.ContainerFindingsSource;
import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.util.reconnect.ConnectionState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The Overview's words for each card: pure functions of the data, so they are tested without a toolkit. */
final class OverviewText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private OverviewText() {
    }

    /**
     * The containers card's state line: what the engines are doing, or why there is nothing to show.
     * {@code 2 engines connected}, {@code 1 of 2 engines connected}, {@code No engine reachable: ...}.
     */
    static String engineHeadline(List<EngineStatus> engines) {
        if (engines.isEmpty()) {
            return "Waiting for the container monitor's first update…";
        }
        long connected = engines.stream().filter(e -> e.kind() == ConnectionState.Kind.CONNECTED).count();
        if (connected == engines.size()) {
            return connected == 1 ? "1 engine connected" : connected + " engines connected";
        }
        if (connected == 0) {
            if (engines.stream().allMatch(e -> e.state().firstAttempt())) {
                return "Connecting to " + (engines.size() == 1 ? "the container engine…" : engines.size() + " engines…");
            }
            return engines.size() == 1 ? "The container engine is not reachable" : "No container engine reachable";
        }
        return connected + " of " + engines.size() + " engines connected";
    }

    /** One engine's line: {@code local — connected}, {@code lab — reconnecting in 3 s: connection refused}. */
    static String engineLine(EngineStatus e, Instant now) {
        return e.engine() + " — " + e.describe(now);
    }

    /** {@code default at unix:///var/run/docker.sock — unreachable: No such file or directory}. */
    static String engineProblem(EngineStatus e, String endpoint, Instant now) {
        return e.engine() + (endpoint == null || endpoint.isEmpty() ? "" : " at " + endpoint) + " — " + e.describe(now);
    }

    /** {@code 12.5 % CPU (100 % = one core)}. */
    static String cpu(Totals t) {
        return String.format(Locale.ROOT, "%.1f %%", t.cpuPercent());
    }

    /** {@code 312 MiB} or {@code 312 MiB of 7.8 GiB} when the engines' memory is known. */
    static String memory(Totals t, long capacity) {
        String used = bytes(t.memUsageBytes());
        return capacity > 0 ? used + " of " + bytes(capacity) : used;
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    /** {@code 09:14:02}. */
    static String time(Instant at, ZoneId zone) {
        return TIME.withZone(zone).format(at);
    }

    /** {@code 09:14:02  local  web-1 is unhealthy}. */
    static String alert(Alert a, ZoneId zone) {
        return TIME.withZone(zone).format(a.at()) + "  " + a.engine() + "  " + a.message();
    }

    /** {@code 2026-11-25 09:00 · 412 packages · 7 findings}. */
    static String scanHeadline(ScanHistory.Entry e, ZoneId zone) {
        int f = e.findings();
        return WHEN.withZone(zone).format(e.at()) + " · " + e.packages() + (e.packages() == 1 ? " package" : " packages")
                + " · " + (f == 0 ? "no active findings" : f + (f == 1 ? " finding" : " findings"));
    }

    /** What was scanned, first root plus how many more. */
    static String scanRoots(ScanHistory.Entry e) {
        if (e.roots().isEmpty()) {
            return "(no root recorded)";
        }
        return e.roots().getFirst() + (e.roots().size() > 1 ? " (+" + (e.roots().size() - 1) + " more)" : "");
    }

    /** {@code 'burst' — 3 strategies compared over 60 s (virtual time, memory)}. */
    static String runHeadline(SimulationResult r) {
        int n = r.limiters().size();
        return "'" + r.scenario() + "' — " + n + (n == 1 ? " strategy" : " strategies") + " compared over "
                + r.seconds() + " s (" + (r.mode() == SimulationMode.VIRTUAL ? "virtual time" : "real time") + ", "
                + r.backend() + ")";
    }

    /** {@code api (token-bucket): 83.2 % accepted of 12,000}. */
    static String limiterLine(LimiterResult l) {
        double pct = l.offered() == 0 ? 0 : 100.0 * l.allowed() / l.offered();
        return String.format(Locale.US, "%s (%s): %.1f %% accepted of %,d", l.limiter(), l.strategy(), pct, l.offered());
    }

    /**
     * {@code not scanned yet}, {@code No running container carries HIGH or CRITICAL findings (20 scanned, 09:14)},
     * {@code 2 running containers carry HIGH or CRITICAL findings: web, db}.
     */
    static String findings(ContainerFindingsSource.Findings f, ZoneId zone) {
        if (!f.scanned()) {
            return "Not scanned yet: running containers' images have not been scanned for findings"
                    + (f.total() > 0 ? " (0 of " + f.total() + " scanned; Containers → Scan image)." : ".");
        }
        String when = f.at() == null ? "" : ", " + TIME.withZone(zone).format(f.at());
        String scanned = f.total() >= 0 ? f.running() + " of " + f.total() + " scanned" : f.running() + " scanned";
        int n = f.flagged().size();
        if (n == 0) {
            return "No running container carries HIGH or CRITICAL findings (" + scanned + when + ")";
        }
        List<String> named = f.flagged().stream().limit(5).toList();
        return n + (n == 1 ? " running container carries" : " running containers carry")
                + " HIGH or CRITICAL findings: " + String.join(", ", named) + (n > named.size() ? " …" : "")
                + " (" + scanned + when + ")";
    }

    /** {@code imported today}, {@code 1 day old}, {@code 12 days old}; null (no data) gives {@code no data yet}. */
    static String age(Long days) {
        if (days == null) {
            return "no data yet";
        }
        return days == 0 ? "imported today" : days == 1 ? "1 day old" : days + " days old";
    }
}
