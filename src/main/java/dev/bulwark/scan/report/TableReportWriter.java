package dev.bulwark.scan.report;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.PackageFix;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The human table printed to stdout when no format is asked for. Control characters are stripped. */
public final class TableReportWriter implements ReportWriter {
    private static final int SUMMARY_WIDTH = 60;
    private static final int ORIGIN_WIDTH = 150;

    @Override
    public void write(ScanReport r, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        List<Finding> vulns = r.vulnerabilities();
        if (vulns.isEmpty()) {
            w.println("No known vulnerabilities in " + r.packages().size() + " packages.");
        } else {
            w.printf("%-8s %-5s %-28s %-16s %-20s %-14s %s%n", "SEVERITY", "CVSS", "PACKAGE", "VERSION", "ID", "FIXED IN",
                    "SUMMARY");
            for (Finding f : vulns) {
                w.printf("%-8s %-5s %-28s %-16s %-20s %-14s %s%n", f.severity().rating().name(), ReportText.score(f),
                        clean(f.packageName(), 28), clean(f.version(), 16), clean(f.id(), 20),
                        clean(f.firstFixed() == null ? "no fix" : f.firstFixed(), 14),
                        (f.isIgnored() ? f.ignore().isVex() ? "[VEX " + f.ignore().vex().status() + "] " : "[ignored] " : "") + clean(f.summary(), SUMMARY_WIDTH));
                // image findings: which layer brought the package in, on its own line under the row
                f.locations().stream().map(l -> ReportText.origin(l.origin(), true)).filter(o -> !o.isEmpty())
                        .distinct().forEach(o -> w.printf("%-8s %s%n", "", "↳ " + clean(o, ORIGIN_WIDTH)));
            }
        }
        if (!r.fixes().isEmpty()) {
            w.println();
            w.println("Smallest fixing upgrades:");
            for (PackageFix f : r.fixes()) {
                w.printf("  %s %s %s -> %s%n", f.ecosystem(), clean(f.name(), 60), clean(f.version(), 30),
                        f.describe());
            }
        }
        if (!r.informational().isEmpty()) {
            w.println();
            w.println("Informational advisories (not counted as vulnerabilities):");
            for (Finding f : r.informational()) {
                w.printf("  %-12s %s %s %s: %s%n", f.informational(), clean(f.packageName(), 40), clean(f.version(), 20),
                        f.id(), clean(f.summary(), SUMMARY_WIDTH));
            }
        }
        if (!r.unpinned().isEmpty()) {
            w.println();
            w.println("Unpinned — not checked:");
            r.unpinned().forEach(u -> w.printf("  %s %s (%s)%n", clean(u.name(), 60), clean(u.specifier(), 40),
                    ReportText.path(u.file())));
        }
        if (!r.errors().isEmpty()) {
            w.println();
            w.println("Errors:");
            r.errors().forEach(e -> w.println("  " + clean(e.toString(), 400)));
        }
        if (!r.notes().isEmpty()) {
            w.println();
            w.println("Notes:");
            r.notes().forEach(n -> w.println("  " + clean(n, 400)));
        }
        w.println();
        w.printf("%d packages, %d vulnerabilities (%d ignored), %d informational, %d ms%n", r.packages().size(),
                vulns.size(), vulns.stream().filter(Finding::isIgnored).count(), r.informational().size(),
                r.durationMs());
        w.flush();
    }

    /** Strips terminal control sequences from untrusted text and shortens it. */
    static String clean(String s, int max) {
        if (s == null) {
            return "";
        }
        String c = s.replaceAll("\\p{Cntrl}", " ");
        return c.length() > max ? c.substring(0, max - 1) + "…" : c;
    }
}
