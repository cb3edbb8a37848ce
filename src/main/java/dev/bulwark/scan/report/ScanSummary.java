package dev.bulwark.scan.report;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Ignore;
import dev.bulwark.scan.match.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a scan report amounts to, for the console and the scan history: the active findings (neither ignored nor
 * informational) per severity, the one-line summary, and a report with a newly ignored advisory marked.
 */
public final class ScanSummary {
    private ScanSummary() {
    }

    /** True for a finding that counts: neither ignored nor informational. */
    public static boolean isActive(Finding f) {
        return !f.isIgnored() && !f.isInformational();
    }

    /** The active findings of {@code r} per severity rating (ratings without any are absent). */
    public static Map<Severity, Integer> activeBySeverity(ScanReport r) {
        Map<Severity, Integer> counts = new TreeMap<>();
        for (Finding f : r.findings()) {
            if (isActive(f)) {
                counts.merge(f.severity().rating(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * "N packages checked, M vulnerabilities, ..." or, when no manifest could be read, that (the same outcome as
     * the CLI's exit 2: nothing was checked, so no "0 vulnerabilities").
     */
    public static String oneLine(ScanReport r) {
        if (r.nothingRead()) {
            String reason = r.coverage().nothingReadReason(r.roots());
            return Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + "; nothing was scanned"
                    + (r.errors().isEmpty() ? "." : ". First problem: " + r.errors().getFirst());
        }
        long active = r.findings().stream().filter(ScanSummary::isActive).count();
        StringBuilder sb = new StringBuilder();
        sb.append(r.packages().size()).append(" packages checked, ").append(active)
                .append(active == 1 ? " vulnerability" : " vulnerabilities");
        long ignored = r.findings().stream().filter(Finding::isIgnored).count();
        if (ignored > 0) {
            sb.append(", ").append(ignored).append(" ignored");
            long vex = r.findings().stream().filter(f -> f.isIgnored() && f.ignore().isVex()).count();
            if (vex > 0) {
                sb.append(" (").append(vex).append(" by VEX)");
            }
        }
        if (!r.unpinned().isEmpty()) {
            sb.append(", ").append(r.unpinned().size()).append(" unpinned not checked");
        }
        if (!r.errors().isEmpty()) {
            sb.append(", ").append(r.errors().size()).append(" problem(s): ").append(r.errors().getFirst());
        }
        if (!r.warnings().isEmpty()) {
            sb.append(". Warning: ").append(r.warnings().getFirst());
        }
        return sb.append(" (").append(r.durationMs()).append(" ms)").toString();
    }

    /**
     * {@code r} with every finding not yet ignored that carries {@code id} (as its id or an alias, ignoring case)
     * marked ignored for {@code reason}, without expiry.
     */
    public static ScanReport withIgnored(ScanReport r, String id, String reason) {
        String key = id.toUpperCase(Locale.ROOT);
        List<Finding> marked = r.findings().stream()
                .map(x -> !x.isIgnored() && x.allIds().anyMatch(i -> i.toUpperCase(Locale.ROOT).equals(key))
                        ? x.withIgnore(new Ignore(id, reason, null)) : x)
                .toList();
        return r.withFindings(marked);
    }
}
