package dev.bulwark.docker.logs;

import dev.bulwark.docker.engine.LogChunk;
import java.time.Instant;
import java.util.List;

/**
 * One sanitised log line: safe to show as-is (no escape or control characters), with ANSI colours
 * turned into {@link StyleSpan}s.
 *
 * @param timestamp engine timestamp, null when not requested
 * @param source    stdout, stderr, or tty (merged)
 * @param text      printable text
 * @param spans     styled runs (empty when the line had no colour)
 * @param truncated true when the line was cut; {@code text} then ends with a marker
 */
public record LogLine(Instant timestamp, LogChunk.Source source, String text, List<StyleSpan> spans,
                      boolean truncated) {

    public LogLine {
        spans = List.copyOf(spans);
    }
}
