package dev.bulwark.ui.scan;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.report.ScanReport;

/** The one-line summary of a scan under the Vulnerabilities view's scan button. */
final class ScanSummaryText {
    private ScanSummaryText() {
    }

    /** "N packages checked, M vulnerabilities, ..." or, when no manifest could be read, that. */
    static String of(ScanReport r) {
        if (r.nothingRead()) {
            // The same outcome as the CLI's exit 2: nothing was checked, so no "0 vulnerabilities".
            String reason = r.coverage().nothingReadReason(r.roots());
            return Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + "; nothing was scanned"
                    + (r.errors().isEmpty() ? "." : ". First problem: " + r.errors().getFirst());
        }
        long active = r.findings().stream().filter(f -> !f.isIgnored() && !f.isInformational()).count();
        StringBuilder sb = new StringBuilder();
        sb.append(r.packages().size()).append(" packages checked, ").append(active)
                .append(active == 1 ? " vulnerability" : " vulnerabilities");
        long ignored = r.findings().stream().filter(Finding::isIgnored).count();
        if (ignored > 0) {
            sb.append(", ").append(ignored).append(" ignored");
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
}
