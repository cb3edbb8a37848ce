package dev.bulwark.scan.report;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.VexSuppression;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One row per finding, RFC 4180 quoting. Cells that a spreadsheet would run as a formula ({@code = + - @})
 * are prefixed with an apostrophe, because advisory text is untrusted.
 */
public final class CsvReportWriter implements ReportWriter {
    private static final List<String> HEADER = List.of("ecosystem", "package", "version", "file", "line", "id",
            "aliases", "severity", "cvss_score", "cvss_vector", "summary", "first_fixed", "fixed_versions", "backends",
            "ignored", "ignore_reason", "informational", "vex_status", "vex_justification", "vex_document", "layer", "created_by",
            "installed");

    @Override
    public void write(ScanReport r, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        row(w, HEADER);
        for (Finding f : r.findings()) {
            var loc = f.primaryLocation();
            VexSuppression vex = f.isIgnored() ? f.ignore().vex() : null;
            row(w, List.of(f.ecosystem().osvName(), f.packageName(), f.version(), ReportText.path(loc.file()),
                    loc.line() > 0 ? String.valueOf(loc.line()) : "", f.id(), String.join(" ", f.aliases()),
                    f.severity().rating().name(), ReportText.score(f), ReportText.nullToEmpty(f.severity().vector()),
                    f.summary(), ReportText.nullToEmpty(f.firstFixed()), String.join(" ", f.fixedVersions()),
                    String.join(" ", f.backends()), String.valueOf(f.isIgnored()),
                    f.isIgnored() ? f.ignore().reason() : "", ReportText.nullToEmpty(f.informational()),
                    vex == null ? "" : vex.status(), vex == null ? "" : ReportText.nullToEmpty(vex.justification()),
                    vex == null ? "" : vex.document(),
                    loc.origin() == null ? "" : ReportText.nullToEmpty(loc.origin().layer()),
                    loc.origin() == null ? "" : ReportText.nullToEmpty(loc.origin().createdBy()),
                    loc.origin() == null ? "" : ReportText.nullToEmpty(loc.origin().installed())));
        }
        w.flush();
    }

    private static void row(Writer w, List<String> cells) throws IOException {
        w.write(cells.stream().map(CsvReportWriter::cell).collect(Collectors.joining(",")));
        w.write("\r\n");
    }

    static String cell(String raw) {
        String s = raw == null ? "" : raw;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.startsWith("'")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
