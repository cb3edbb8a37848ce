package dev.bulwark.scan.parse;

/**
 * Defences against hostile or absurd input. Together they bound what one scan holds in memory: a file is refused
 * unread above {@code maxFileBytes}; files are parsed concurrently only while their sizes add up to at most
 * {@code maxFileBytes} (a large one is parsed alone); a file yielding more than {@code maxEntries} entries is
 * refused alone, with the other files still scanned.
 *
 * @param maxFileBytes    files larger than this are refused unread
 * @param maxNestingDepth deepest JSON/YAML nesting accepted (Jackson {@code StreamReadConstraints})
 * @param maxIncludeDepth deepest chain of requirements {@code -r}/{@code -c} includes
 * @param maxEntries      most entries (packages, unpinned requirements, problems) one manifest may yield
 */
public record ParseLimits(long maxFileBytes, int maxNestingDepth, int maxIncludeDepth, int maxEntries) {
    /**
     * 64 MiB files, nesting 256, includes 16 deep, 100,000 entries a manifest: far above any real lockfile (the
     * largest real ones list a few ten thousand packages), and within the launcher's 512 MB heap.
     */
    public static final ParseLimits DEFAULTS = new ParseLimits(64L * 1024 * 1024, 256, 16, 100_000);

    public ParseLimits {
        if (maxFileBytes <= 0 || maxNestingDepth <= 0 || maxIncludeDepth <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The given file, nesting and include limits with the default entry limit. */
    public ParseLimits(long maxFileBytes, int maxNestingDepth, int maxIncludeDepth) {
        this(maxFileBytes, maxNestingDepth, maxIncludeDepth, DEFAULTS.maxEntries());
    }
}
