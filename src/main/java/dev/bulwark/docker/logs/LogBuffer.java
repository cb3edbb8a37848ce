package dev.bulwark.docker.logs;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines of one container, bounded both by line count and by total characters, so a chatty
 * container cannot exhaust memory. Thread-safe: a follower appends while the UI reads.
 */
public final class LogBuffer {
    private final int maxLines;
    private final long maxChars;
    private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
    private long chars;
    private long evicted;

    public LogBuffer(int maxLines, long maxChars) {
        if (maxLines <= 0 || maxChars <= 0) {
            throw new IllegalArgumentException("log buffer bounds must be positive");
        }
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    public synchronized void append(LogLine line) {
        lines.addLast(line);
        chars += line.text().length();
        while (lines.size() > maxLines || (chars > maxChars && lines.size() > 1)) {
            chars -= lines.removeFirst().text().length();
            evicted++;
        }
    }

    /** A copy of the held lines, oldest first. */
    public synchronized List<LogLine> lines() {
        return List.copyOf(lines);
    }

    /** Held lines that pass {@code filter}, oldest first. */
    public List<LogLine> search(LogFilter filter) {
        var p = filter.predicate();
        return lines().stream().filter(p).toList();
    }

    public synchronized int size() {
        return lines.size();
    }

    /** Characters held (the memory bound is over this). */
    public synchronized long chars() {
        return chars;
    }

    /** Lines dropped to stay within bounds since creation. */
    public synchronized long evicted() {
        return evicted;
    }
}
