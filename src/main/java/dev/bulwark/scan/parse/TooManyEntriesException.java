package dev.bulwark.scan.parse;

/**
 * A manifest yields more entries than {@link ParseLimits#maxEntries()}: it is refused alone (the other files are
 * still scanned). Unchecked, so a parser's callbacks can raise it from anywhere; {@link ManifestScanner} turns it
 * into the file's error.
 */
final class TooManyEntriesException extends RuntimeException {
    TooManyEntriesException(int limit) {
        super("more than " + limit + " dependency entries (the limit for one manifest); refused: its packages "
                + "were not checked");
    }
}
