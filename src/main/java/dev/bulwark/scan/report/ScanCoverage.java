package dev.bulwark.scan.report;

import java.util.List;

/**
 * How many manifests a scan found and how many it could read. A scan that read none checked nothing, whatever its
 * findings say: that is its own outcome (the CLI exits 2), never a pass.
 *
 * @param manifests manifest files found under the roots (and paths that could not be listed), or -1 when unknown
 *                  (a report saved before this was recorded)
 * @param read      how many of them were parsed (possibly with problems in single entries), or -1 when unknown
 */
public record ScanCoverage(int manifests, int read) {
    /** For reports that did not record it. */
    public static final ScanCoverage UNKNOWN = new ScanCoverage(-1, -1);

    /** True when known. */
    public boolean known() {
        return manifests >= 0 && read >= 0;
    }

    /** How many could not be read (0 when unknown). */
    public int unread() {
        return known() ? manifests - read : 0;
    }

    /** True when the scan could read no manifest at all: none was found, or none could be parsed. */
    public boolean nothingRead() {
        return known() && read == 0;
    }

    /** Why nothing was read, in one sentence naming the roots; only meaningful when {@link #nothingRead()}. */
    public String nothingReadReason(List<String> roots) {
        String where = roots.size() == 1 ? roots.getFirst() : String.join(", ", roots);
        return manifests == 0
                ? "no packages could be read: no dependency manifest was found under " + where
                : "no packages could be read: none of the " + manifests + " manifest(s) found under " + where
                + " could be parsed";
    }
}
