package dev.bulwark.cli;

import dev.bulwark.util.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root of the headless command line: {@code bulwark <command> [options]}. */
@Command(name = "bulwark",
        mixinStandardHelpOptions = true,
        versionProvider = BulwarkCommand.VersionProvider.class,
        description = {
                "Bulwark operations console.",
                "Run without arguments to open the desktop application; with a command to work headless."
        },
        footer = {"", "Exit codes: 0 success, 1 policy failure (e.g. findings at or above --fail-on), 2 usage or fatal error."})
public final class BulwarkCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // "bulwark" with options but no command: nothing to do headless, so show usage as an error.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** Reports the version from the build. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            dev.bulwark.util.BuildInfo build = dev.bulwark.util.BuildInfo.current();
            return new String[]{"Bulwark " + Version.current(),
                    "Build " + build.commit() + (build.dirty() ? "+changes" : "") + ", " + build.buildTime(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
