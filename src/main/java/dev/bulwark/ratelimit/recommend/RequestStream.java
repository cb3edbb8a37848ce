package dev.bulwark.ratelimit.recommend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a log: parse, filter, key, and put back in time order. Keys get dense ids on first sight;
 * the ids live as long as this object, so a second pass (the replay) sees the same ids as the profile.
 */
final class RequestStream {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The key of id {@code i}. */
    String name(int i) {
        return names.get(i);
    }

    /** Number of distinct keys seen so far. */
    int keys() {
        return names.size();
    }

    /** The id of {@code key}, or -1. */
    int idOf(String key) {
        Integer i = ids.get(key);
        return i == null ? -1 : i;
    }

    /** Streams {@code file} to {@code sink} in time order. */
    ScanReport run(Path file, RecommendOptions o, ReorderBuffer.Sink sink, LogScanner.Progress progress)
            throws IOException, InterruptedException {
        ReorderBuffer reorder = new ReorderBuffer(o.reorderSeconds(), sink);
        LogFilter.Matcher filter = o.filter().matcher();
        KeyBy keyBy = o.keyBy();
        int depth = o.pathDepth();
        Map<LogScanner.Problem, long[]> bad = new EnumMap<>(LogScanner.Problem.class);  // {count, first line}
        long[] counts = new long[4];  // used, filtered, first, last
        LogScanner.Sink lines = new LogScanner.Sink() {
            @Override
            public void line(LogLine l) {
                if (!filter.accepts(l)) {
                    counts[1]++;
                    return;
                }
                String key = keyBy.keyOf(l, depth);
                Integer id = ids.get(key);
                if (id == null) {
                    id = names.size();
                    ids.put(key, id);
                    names.add(key);
                }
                long t = l.epochSecond();
                if (counts[0]++ == 0) {
                    counts[2] = t;
                    counts[3] = t;
                } else {
                    counts[2] = Math.min(counts[2], t);
                    counts[3] = Math.max(counts[3], t);
                }
                reorder.add(t, id);
            }

            @Override
            public void bad(long lineNumber, LogScanner.Problem problem) {
                long[] c = bad.computeIfAbsent(problem, p -> new long[] {0, lineNumber});
                c[0]++;
            }
        };
        long read = new LogScanner().scan(file, lines, progress);
        reorder.finish();
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        List<String> problems = new ArrayList<>();
        long badTotal = 0;
        for (Map.Entry<LogScanner.Problem, long[]> e : bad.entrySet()) {
            long n = e.getValue()[0];
            badTotal += n;
            problems.add(name + ":" + e.getValue()[1] + ": " + e.getKey().text() + " (line skipped"
                    + (n > 1 ? "; " + (n - 1) + " more such lines skipped" : "") + ")");
        }
        if (reorder.late() > 0) {
            problems.add(name + ": " + reorder.late() + " lines were logged up to " + reorder.maxLateness()
                    + " s after later lines, more than the reorder window of " + o.reorderSeconds()
                    + " s: counted at the oldest second still open, which can make bursts that never happened (raise"
                    + " --reorder to place them exactly; give rotated logs in time order, oldest first)");
        }
        return new ScanReport(read, counts[0], counts[1], badTotal, reorder.late(), reorder.maxLateness(),
                counts[2], counts[3], problems);
    }
}
