package dev.bulwark.scan.parse;

/**
 * Defences against hostile or absurd input.
 *
 * @param maxFileBytes    files larger than this are refused unread
 * @param maxNestingDepth deepest JSON/YAML nesting accepted (Jackson {@code StreamReadConstraints})
 * @param maxIncludeDepth deepest chain of requirements {@code -r}/{@code -c} includes
 */
public record ParseLimits(long maxFileBytes, int maxNestingDepth, int maxIncludeDepth) {
    /** 64 MiB files, nesting 256, includes 16 deep: far above any real lockfile. */
    public static final ParseLimits DEFAULTS = new ParseLimits(64L * 1024 * 1024, 256, 16);

    public ParseLimits {
        if (maxFileBytes <= 0 || maxNestingDepth <= 0 || maxIncludeDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
