package dev.bulwark.ratelimit.recommend;

import java.util.List;

/**
 * What one pass over the log met.
 *
 * @param lines        lines read (blank ones included)
 * @param used         requests that passed the filters
 * @param filtered     well-formed lines the filters left out
 * @param bad          lines that could not be parsed (skipped)
 * @param late         lines more than the reorder window behind a later line (placed at the oldest open second)
 * @param maxLateness  the largest lateness among the late lines, in seconds
 * @param firstSecond  earliest used request (epoch seconds), or 0 when none
 * @param lastSecond   latest used request (epoch seconds), or 0 when none
 * @param problems     one message per kind of bad line (the first line number and the count), and the late lines
 */
public record ScanReport(long lines, long used, long filtered, long bad, long late, long maxLateness,
                         long firstSecond, long lastSecond, List<String> problems) {

    /** Copies. */
    public ScanReport {
        problems = List.copyOf(problems);
    }
}
