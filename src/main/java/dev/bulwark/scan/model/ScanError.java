package dev.bulwark.scan.model;

import java.nio.file.Path;

/**
 * A problem that did not stop the scan: a file that could not be parsed, a record that was malformed,
 * a version that could not be ordered, a backend that failed.
 *
 * @param file   the file concerned, or null when none
 * @param line   1-based line, or 0
 * @param source what raised it (a parser format, a backend name)
 * @param message a clear human message naming what is wrong
 */
public record ScanError(Path file, int line, String source, String message) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        }
        return sb.append(message).append(" [").append(source).append(']').toString();
    }
}
