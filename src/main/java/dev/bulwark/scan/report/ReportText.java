package dev.bulwark.scan.report;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Location;
import dev.bulwark.scan.model.ImageOrigin;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * One line naming the image layer that introduced a package, for the human formats:
     * {@code layer sha256:0123456789ab · installed libssl3 3.0.11-1 · RUN apt-get install -y libssl3}.
     * Empty for manifest locations (no origin).
     *
     * @param abbreviate shorten the digest to 12 hex digits, as {@code docker history} does, for narrow output
     */
    static String origin(ImageOrigin o, boolean abbreviate) {
        if (o == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("layer ").append(abbreviate ? shortDigest(o.layer()) : nullToEmpty(o.layer()));
        if (o.installed() != null && !o.installed().isBlank()) {
            sb.append(" · installed ").append(o.installed());
        }
        String cmd = createdBy(o);
        if (!cmd.isEmpty()) {
            sb.append(" · ").append(cmd);
        }
        return sb.toString();
    }

    /** Whether any finding came from an image layer (the human formats then add a layer column). */
    static boolean anyOrigin(List<Finding> findings) {
        return findings.stream().flatMap(f -> f.locations().stream()).anyMatch(l -> l.origin() != null);
    }

    /**
     * The history command as a Dockerfile instruction: the legacy builder's {@code /bin/sh -c #(nop) } prefix
     * (metadata instructions) is dropped and a bare {@code /bin/sh -c} becomes {@code RUN}; BuildKit's
     * {@code RUN /bin/sh -c ... # buildkit} keeps its instruction. Empty when unknown.
     */
    static String createdBy(ImageOrigin o) {
        String c = o == null || o.createdBy() == null ? "" : o.createdBy().strip();
        if (c.endsWith("# buildkit")) {
            c = c.substring(0, c.length() - "# buildkit".length()).strip();
        }
        if (c.startsWith("/bin/sh -c #(nop)")) {
            return c.substring("/bin/sh -c #(nop)".length()).strip();
        }
        for (String shell : List.of("RUN /bin/sh -c ", "/bin/sh -c ")) {
            if (c.startsWith(shell)) {
                return "RUN " + c.substring(shell.length()).strip();
            }
        }
        return c;
    }

    /** {@code sha256:} plus the first 12 hex digits; other names (e.g. {@code rootfs}) unchanged. */
    static String shortDigest(String layer) {
        if (layer == null) {
            return "";
        }
        int colon = layer.indexOf(':');
        return colon >= 0 && layer.length() > colon + 13 ? layer.substring(0, colon + 13) : layer;
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
