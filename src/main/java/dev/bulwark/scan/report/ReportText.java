package dev.bulwark.scan.report;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Location;
import java.nio.file.Path;
import java.util.Locale;

/** Small formatting helpers shared by the writers. */
final class ReportText {
    private ReportText() {
    }

    /** A path as the user gave it, with forward slashes; empty for null. */
    static String path(Path p) {
        return p == null ? "" : p.toString().replace('\\', '/');
    }

    /** {@code file:line} or {@code file}. */
    static String where(Location l) {
        String f = path(l.file());
        return l.line() > 0 ? f + ":" + l.line() : f;
    }

    static String score(Finding f) {
        return f.severity().score() == null ? "" : String.format(Locale.ROOT, "%.1f", f.severity().score());
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
