package dev.bulwark.util;

import java.lang.management.ManagementFactory;

/**
 * Start-up marks for finding where a command's start goes: with {@code -Dbulwark.traceStartup=true} each
 * {@link #mark} prints one line on stderr, {@code bulwark: startup <ms since the JVM started> ms (+<ms since the
 * previous mark, the marks' own cost left out>) <what>}; without it a mark costs one field read. A diagnostic for people tuning start-up (see
 * {@code scripts/cold-start-bench.sh}), not a log: it must work before and without Logback.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("bulwark.traceStartup");
    private static long previous;

    private StartupTrace() {
    }

    /** Prints {@code what} with the time since the process started, when tracing is on. */
    public static void mark(String what) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        String step = previous == 0 ? "" : String.format(" (+%.1f)", (now - previous) / 1e6);
        System.err.println("bulwark: startup " + sinceStart + " ms" + step + " " + what);
        previous = System.nanoTime();
    }
}
