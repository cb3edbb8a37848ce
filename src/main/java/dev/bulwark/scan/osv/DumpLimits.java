package dev.bulwark.scan.osv;

/**
 * Guards against hostile dumps.
 *
 * @param maxEntryBytes    largest uncompressed size of one record
 * @param maxTotalBytes    largest uncompressed size of a whole dump
 * @param maxRatio         largest uncompressed/compressed ratio of an entry bigger than {@link #RATIO_FLOOR}
 * @param maxEntries       most entries in a dump
 */
public record DumpLimits(long maxEntryBytes, long maxTotalBytes, int maxRatio, int maxEntries) {
    /** Entries smaller than this are never judged by ratio: tiny JSON compresses unpredictably. */
    public static final long RATIO_FLOOR = 64 * 1024;

    /** Generous for real OSV dumps (largest records are well under 1 MB; PyPI's whole dump is ~100 MB). */
    public static DumpLimits defaults() {
        return new DumpLimits(16L << 20, 4L << 30, 100, 2_000_000);
    }
}
