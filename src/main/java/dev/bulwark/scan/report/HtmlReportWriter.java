package dev.bulwark.scan.report;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.PackageFix;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.model.UnpinnedRequirement;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A self-contained HTML page for auditors: inline CSS only, a Content-Security-Policy that forbids every
 * script, and every piece of advisory or manifest text HTML-escaped. Links are only emitted for
 * {@code https://}/{@code http://} URLs.
 */
public final class HtmlReportWriter implements ReportWriter {
    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24}
            table{border-collapse:collapse;width:100%;margin-bottom:2rem}
            th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
            th{background:#f6f8fa}.CRITICAL{background:#8b0000;color:#fff}.HIGH{background:#d1242f;color:#fff}
            .MEDIUM{background:#d4a72c}.LOW{background:#54aeff}.UNKNOWN,.NONE{background:#d0d7de}
            .ignored{opacity:.6}.vex{font-weight:600}code{font-size:.85rem}pre{white-space:pre-wrap;max-width:60rem}
            """;

    @Override
    public void write(ScanReport r, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                + "img-src 'none'; script-src 'none'; form-action 'none'; base-uri 'none'\">\n");
        w.write("<title>Bulwark vulnerability report</title><style>" + CSS + "</style></head><body>\n");
        w.write("<h1>Bulwark vulnerability report</h1>\n<p>Generated " + esc(r.generatedAt().toString()) + " in "
                + r.durationMs() + " ms. Scanned: " + esc(String.join(", ", r.roots())) + ". " + r.packages().size()
                + " packages, " + r.vulnerabilities().size() + " vulnerabilities ("
                + r.findings().stream().filter(Finding::isIgnored).count() + " ignored), "
                + r.informational().size() + " informational advisories.</p>\n");
        list(w, "Warnings", r.warnings());
        findings(w, "Vulnerabilities", r.vulnerabilities());
        fixes(w, r.fixes());
        findings(w, "Informational advisories (not vulnerabilities)", r.informational());
        list(w, "Unpinned requirements — not checked", r.unpinned().stream().map(HtmlReportWriter::unpinned).toList());
        list(w, "Errors", r.errors().stream().map(ScanError::toString).toList());
        list(w, "Notes", r.notes());
        list(w, "Advisory database", r.database().stream().filter(s -> s.present())
                .map(s -> s.ecosystem() + ": " + s.records() + " records, imported " + s.importedAt() + " ("
                        + s.ageDays() + " days old" + (s.stale() ? ", STALE" : "") + ")").toList());
        list(w, "Backends", r.backends().stream().map(b -> b.name() + ": " + b.state()
                + (b.message().isEmpty() ? "" : " — " + b.message())).toList());
        w.write("</body></html>\n");
        w.flush();
    }

    private static void findings(Writer w, String title, List<Finding> findings) throws IOException {
        w.write("<h2>" + esc(title) + " (" + findings.size() + ")</h2>\n");
        if (findings.isEmpty()) {
            return;
        }
        boolean image = ReportText.anyOrigin(findings);
        w.write("<table><thead><tr><th>Severity</th><th>Package</th><th>Version</th><th>Id / aliases</th>"
                + "<th>Summary</th><th>Fixed in</th><th>Where</th>" + (image ? "<th>Image layer</th>" : "")
                + "<th>Backends</th></tr></thead><tbody>\n");
        for (Finding f : findings) {
            w.write("<tr" + (f.isIgnored() ? " class=\"ignored\"" : "") + ">");
            String sev = f.severity().rating().name();
            w.write("<td class=\"" + sev + "\">" + sev + (f.severity().score() != null ? " " + ReportText.score(f) : "")
                    + (f.isIgnored() ? (f.ignore().isVex() ? "<br><span class=\"vex\">suppressed by VEX</span>: "
                    + esc(f.ignore().reason()) + "<br><small>" + esc(f.ignore().vex().source()) + " &middot; "
                    + esc(f.ignore().vex().product()) + "</small>" : "<br>ignored: " + esc(f.ignore().reason())) : "")
                    + "</td>");
            w.write("<td>" + esc(f.ecosystem().osvName()) + " " + esc(f.packageName()) + "</td>");
            w.write("<td>" + esc(f.version()) + "</td>");
            w.write("<td>" + link(f) + "<br><small>" + esc(String.join(", ", f.aliases())) + "</small></td>");
            String details = f.advisories().stream().map(a -> a.details()).filter(d -> !d.isBlank()).findFirst()
                    .orElse("");
            w.write("<td>" + esc(f.summary()) + (f.severity().vector() != null
                    ? "<br><code>" + esc(f.severity().vector()) + "</code>" : "")
                    + (details.isEmpty() ? "" : "<details><summary>Details</summary><pre>" + esc(details) + "</pre></details>")
                    + "</td>");
            w.write("<td>" + esc(f.firstFixed() == null ? "no fix" : f.firstFixed()) + "</td>");
            w.write("<td>" + esc(f.locations().stream().map(ReportText::where).collect(Collectors.joining(", ")))
                    + "</td>");
            if (image) {
                w.write("<td>" + f.locations().stream().map(l -> ReportText.origin(l.origin(), false))
                        .filter(o -> !o.isEmpty()).distinct().map(HtmlReportWriter::esc)
                        .collect(Collectors.joining("<br>")) + "</td>");
            }
            w.write("<td>" + esc(String.join(", ", f.backends())) + "</td></tr>\n");
        }
        w.write("</tbody></table>\n");
    }

    private static void fixes(Writer w, List<PackageFix> fixes) throws IOException {
        w.write("<h2>Smallest fixing upgrades (" + fixes.size() + ")</h2>\n");
        if (fixes.isEmpty()) {
            return;
        }
        w.write("<table><thead><tr><th>Package</th><th>Installed</th><th>Upgrade to</th><th>Fixes</th></tr></thead><tbody>\n");
        for (PackageFix f : fixes) {
            w.write("<tr><td>" + esc(f.ecosystem().osvName() + " " + f.name()) + "</td><td>" + esc(f.version())
                    + "</td><td>" + esc(f.describe()) + "</td><td>" + esc(String.join(", ", f.findingIds()))
                    + "</td></tr>\n");
        }
        w.write("</tbody></table>\n");
    }

    private static void list(Writer w, String title, List<String> items) throws IOException {
        if (items.isEmpty()) {
            return;
        }
        w.write("<h2>" + esc(title) + " (" + items.size() + ")</h2><ul>\n");
        for (String i : items) {
            w.write("<li>" + esc(i) + "</li>\n");
        }
        w.write("</ul>\n");
    }

    private static String link(Finding f) {
        return f.references().stream().filter(u -> u.startsWith("https://") || u.startsWith("http://")).findFirst()
                .map(u -> "<a href=\"" + esc(u) + "\" rel=\"noopener noreferrer\">" + esc(f.id()) + "</a>")
                .orElse(esc(f.id()));
    }

    private static String unpinned(UnpinnedRequirement u) {
        return u.name() + " " + u.specifier() + " (" + ReportText.path(u.file()) + (u.line() > 0 ? ":" + u.line() : "")
                + ")";
    }

    /** Escapes text for element content and quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
