package dev.bulwark.scan.parse;

/** The file cannot be read as the format its name promises; {@code line} is 1-based or 0. */
final class ManifestFormatException extends Exception {
    private final int line;

    ManifestFormatException(String message, int line) {
        super(message);
        this.line = line;
    }

    ManifestFormatException(String message, int line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    int line() {
        return line;
    }
}
