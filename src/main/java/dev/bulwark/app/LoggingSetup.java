package dev.bulwark.app;

import dev.bulwark.util.AppPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Points Logback at the per-user log directory before the first logger exists, routes
 * java.util.logging through SLF4J, and makes sure no uncaught exception on any thread goes unlogged.
 */
final class LoggingSetup {
    private LoggingSetup() {
    }

    static void configure(AppPaths paths, boolean gui) {
        System.setProperty("bulwark.logDir", paths.logs().toString());
        // The CLI's stdout is data (tables, JSON): its console log goes to stderr and only for warnings.
        if (System.getProperty("bulwark.consoleLevel") == null) {
            System.setProperty("bulwark.consoleLevel", gui ? "INFO" : "WARN");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Logger log = LoggerFactory.getLogger("dev.bulwark");
        Thread.setDefaultUncaughtExceptionHandler(
                (t, e) -> log.error("Uncaught exception on thread {}", t.getName(), e));
    }
}
