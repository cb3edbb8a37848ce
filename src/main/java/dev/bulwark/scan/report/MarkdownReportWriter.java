package dev.bulwark.scan.report;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.PackageFix;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A Markdown summary for pull-request comments and CI job summaries. Untrusted text is escaped. */
public final class MarkdownReportWriter implements ReportWriter {
    @Override
    public void write(ScanReport r, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("# Bulwark vulnerability report\n\n");
        w.write(r.packages().size() + " packages scanned, " + r.vulnerabilities().size() + " vulnerabilities ("
                + r.findings().stream().filter(Finding::isIgnored).count() + " ignored), " + r.informational().size()
                + " informational, " + r.durationMs() + " ms.\n\n");
        for (String warning : r.warnings()) {
            w.write("> **Warning:** " + esc(warning) + "\n\n");
        }
        table(w, "Vulnerabilities", r.vulnerabilities());
        if (!r.fixes().isEmpty()) {
            w.write("## Smallest fixing upgrades\n\n| Package | Installed | Upgrade to | Fixes |\n|---|---|---|---|\n");
            for (PackageFix f : r.fixes()) {
                w.write("| " + esc(f.ecosystem().osvName() + " " + f.name()) + " | " + esc(f.version()) + " | "
                        + esc(f.describe()) + " | " + esc(String.join(", ", f.findingIds())) + " |\n");
            }
            w.write("\n");
        }
        table(w, "Informational advisories", r.informational());
        if (!r.unpinned().isEmpty()) {
            w.write("## Unpinned — not checked\n\n");
            for (var u : r.unpinned()) {
                w.write("- " + esc(u.name() + " " + u.specifier()) + " (" + esc(ReportText.path(u.file())) + ")\n");
            }
            w.write("\n");
        }
        if (!r.errors().isEmpty()) {
            w.write("## Errors\n\n");
            for (var e : r.errors()) {
                w.write("- " + esc(e.toString()) + "\n");
            }
            w.write("\n");
        }
        w.flush();
    }

    private static void table(Writer w, String title, List<Finding> findings) throws IOException {
        w.write("## " + title + " (" + findings.size() + ")\n\n");
        if (findings.isEmpty()) {
            return;
        }
        boolean image = ReportText.anyOrigin(findings);
        w.write("| Severity | Package | Version | Id | Summary | Fixed in | Where |" + (image ? " Layer |" : "")
                + "\n|---|---|---|---|---|---|---|" + (image ? "---|" : "") + "\n");
        for (Finding f : findings) {
            String sev = f.severity().rating().name() + (f.severity().score() != null ? " " + ReportText.score(f) : "")
                    + (f.isIgnored() ? f.ignore().isVex() ? " (VEX " + f.ignore().vex().status() + ")" : " (ignored)" : "");
            w.write("| " + sev + " | " + esc(f.ecosystem().osvName() + " " + f.packageName()) + " | " + esc(f.version())
                    + " | " + esc(f.id()) + " | " + esc(f.summary()) + " | "
                    + esc(f.firstFixed() == null ? "no fix" : f.firstFixed()) + " | "
                    + esc(ReportText.where(f.primaryLocation())) + " |"
                    + (image ? " " + esc(ReportText.origin(f.primaryLocation().origin(), false)) + " |" : "") + "\n");
        }
        w.write("\n");
    }

    /** Escapes Markdown and HTML metacharacters so advisory text renders as text. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : s.replace("\r", " ").replace("\n", " ").toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '|', '\\', '`', '*', '_', '[', ']', '#', '!' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
