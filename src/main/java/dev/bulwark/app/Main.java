package dev.bulwark.app;

import dev.bulwark.cli.Cli;
import dev.bulwark.util.AppPaths;
import java.lang.management.ManagementFactory;

/**
 * Entry point of {@code bulwark.jar} and of the native launcher: no arguments opens the desktop
 * application, any argument runs the headless command line. Deliberately not a JavaFX
 * {@code Application} so the CLI never initialises the toolkit and the class path launch works.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AppPaths paths = AppPaths.forCurrentUser();
        LoggingSetup.configure(paths, args.length == 0);
        if (args.length == 0) {
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            GuiLauncher.launch(paths, jvmStart);
            return;
        }
        System.exit(Cli.run(args));
    }
}
