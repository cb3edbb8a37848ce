package dev.bulwark.scan.parse;

import java.io.IOException;

/** One manifest format. Implementations are stateless and thread-safe. */
interface ManifestParser {

    /** The format name shown to users, e.g. {@code package-lock.json}. */
    String format();

    /** Whether a file of this name (no directory) is of this format. */
    boolean accepts(String fileName);

    /**
     * Parses {@code input} into {@code sink}. Problems with single entries go to
     * {@link ParseSink#error}; a file that is not this format at all throws.
     */
    void parse(ManifestInput input, ParseSink sink) throws IOException, ManifestFormatException;
}
