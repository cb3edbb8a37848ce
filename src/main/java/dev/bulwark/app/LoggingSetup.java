package dev.bulwark.app;

import dev.bulwark.util.AppPaths;
import org.slf4j.LoggerFactory;

/**
 * Points Logback ({@link LogConfigurator}) at the per-user log directory before the first logger exists, routes
 * java.util.logging through SLF4J, and makes sure no uncaught exception on any thread goes unlogged. When the
 * log folder cannot be written (a read-only or foreign home folder), says so in one line on stderr and logs to
 * stderr only, instead of letting Logback print its status and a trace.
 */
final class LoggingSetup {

    static final String JUL_CONFIG_CLASS = "java.util.logging.config.class";

    private LoggingSetup() {
    }

    static void configure(AppPaths paths, boolean gui) {
        LogFolder folder = LogFolder.of(paths);
        if (folder.writable()) {
            System.setProperty(LogFolder.PROPERTY, folder.dir().toString());
        } else {
            System.err.println("bulwark: warning: cannot write logs to " + folder.dir() + " (" + folder.problem()
                    + "); logging to stderr only (set BULWARK_HOME or -D" + LogFolder.PROPERTY
                    + " to a writable folder)");
            System.setProperty(LogConfigurator.STDERR_ONLY, "true");
        }
        // The CLI's stdout is data (tables, JSON): its console log goes to stderr and only for warnings.
        if (System.getProperty("bulwark.consoleLevel") == null) {
            System.setProperty("bulwark.consoleLevel", gui ? "INFO" : "WARN");
        }
        // java.util.logging goes to SLF4J once something uses it: JulToSlf4j configures the LogManager when it
        // starts. A user's own JUL configuration (class or file) is left alone.
        if (System.getProperty(JUL_CONFIG_CLASS) == null
                && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty(JUL_CONFIG_CLASS, JulToSlf4j.class.getName());
        }
        // The logger is looked up when an exception is logged, not here: that would start Logback on every start,
        // also for the commands that log nothing (Logback starts with the first class that holds a logger).
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> LoggerFactory.getLogger("dev.bulwark")
                .error("Uncaught exception on thread {}", t.getName(), e));
    }
}
