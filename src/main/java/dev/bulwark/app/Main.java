package dev.bulwark.app;

import dev.bulwark.cli.Cli;
import dev.bulwark.util.AppPaths;
import dev.bulwark.util.StartupTrace;
import java.lang.management.ManagementFactory;

/**
 * Entry point of {@code bulwark.jar} and of the native launcher: no arguments opens the desktop
 * application, any argument runs the headless command line. Deliberately not a JavaFX
 * {@code Application} so the CLI never initialises the toolkit and the class path launch works.
 */
public final class Main {
    private Main() {
    }

    /** JDK property choosing how virtual threads wait for socket readiness. */
    static final String POLLER_MODE = "jdk.pollerMode";

    public static void main(String[] args) {
        StartupTrace.mark("main");
        AppPaths paths = prepare(args.length == 0);
        StartupTrace.mark("logging set up");
        if (args.length == 0) {
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            GuiLauncher.launch(paths, jvmStart);
            return;
        }
        int code = runCli(args);
        StartupTrace.mark("command done");
        System.exit(code);
    }

    /** What every start does before the command or the GUI runs (also the AOT training run, {@link AotTraining}). */
    static AppPaths prepare(boolean gui) {
        // Before any virtual thread blocks on a socket (the property is read once): platform-thread pollers,
        // JDK 21's default on Linux. Since JDK 23 the default runs the pollers as virtual threads, which costs a
        // carrier hand-off per readiness event; with one stats stream per container waking once a second that
        // was a fifth of `containers watch`'s CPU (ContainersBenchmark). A user's own -Djdk.pollerMode wins.
        if (System.getProperty(POLLER_MODE) == null) {
            System.setProperty(POLLER_MODE, "1");
        }
        AppPaths paths = AppPaths.forCurrentUser();
        LoggingSetup.configure(paths, gui);
        return paths;
    }

    /**
     * The command's exit code; running out of memory is a fatal error (2) with one line, never the JVM's 1,
     * which means a policy failure here.
     */
    static int runCli(String[] args) {
        try {
            return Cli.run(args);
        } catch (OutOfMemoryError e) {
            System.err.println("bulwark: out of memory (the heap is " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MB); the command did not finish");
            org.slf4j.LoggerFactory.getLogger(Main.class).error("out of memory", e);
            return Cli.EXIT_USAGE;
        }
    }
}
