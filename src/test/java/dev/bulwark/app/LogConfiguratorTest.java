package dev.bulwark.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.bulwark.util.LogMarkers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logging set-up in code: what logback.xml does, on a fresh Logback context. */
class LogConfiguratorTest {
    private final LoggerContext context = new LoggerContext();

    {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
        System.clearProperty(LogFolder.PROPERTY);
        System.clearProperty(LogConfigurator.STDERR_ONLY);
    }

    @Test
    void logsToTheRollingFileInTheLogFolderWithQuietLibraries(@TempDir Path dir) throws Exception {
        System.setProperty(LogFolder.PROPERTY, dir.toString());
        LogConfigurator.apply(context);
        context.getLogger("dev.bulwark.x").info("hello file");
        context.getLogger("io.netty.x").info("netty chatter");

        assertThat(context.getLogger("ROOT").getAppender("FILE")).isNotNull();
        assertThat(context.getLogger("ROOT").getAppender("CONSOLE")).isNotNull();
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        String log = Files.readString(dir.resolve("bulwark.log"));
        assertThat(log).as("%s", context.getStatusManager().getCopyOfStatusList()).contains("INFO  [main] dev.bulwark.x - hello file").doesNotContain("netty chatter");
    }

    @Test
    void theAppendersAreBuiltByTheFirstEventThatReachesThem(@TempDir Path dir) throws Exception {
        System.setProperty(LogFolder.PROPERTY, dir.toString());
        System.setProperty("bulwark.consoleLevel", "WARN");
        try {
            LogConfigurator.apply(context);
            DeferredAppender file = (DeferredAppender) context.getLogger("ROOT").getAppender("FILE");
            DeferredAppender console = (DeferredAppender) context.getLogger("ROOT").getAppender("CONSOLE");
            context.getLogger("dev.bulwark.x").debug("below the level");
            assertThat(file.delegate()).isNull();
            assertThat(dir.resolve("bulwark.log")).doesNotExist();

            context.getLogger("dev.bulwark.x").info("first line");
            assertThat(file.delegate()).isNotNull();
            assertThat(console.delegate()).as("an INFO event is below the console's WARN").isNull();
            assertThat(Files.readString(dir.resolve("bulwark.log"))).contains("dev.bulwark.x - first line");
        } finally {
            System.clearProperty("bulwark.consoleLevel");
        }
    }

    @Test
    void stderrOnlyWhenTheLogFolderCannotBeWritten(@TempDir Path dir) {
        System.setProperty(LogFolder.PROPERTY, dir.toString());
        System.setProperty(LogConfigurator.STDERR_ONLY, "true");
        LogConfigurator.apply(context);
        context.getLogger("dev.bulwark.x").warn("to stderr");

        assertThat(context.getLogger("ROOT").getAppender("FILE")).isNull();
        assertThat(context.getLogger("ROOT").getAppender("CONSOLE")).isNotNull();
        assertThat(dir.resolve("bulwark.log")).doesNotExist();
    }

    @Test
    void fileOnlyEventsAreKeptOffTheConsole() {
        LoggingEvent marked = event("dev.bulwark.cli.Cli", "bulwark scan failed");
        marked.addMarker(LogMarkers.FILE_ONLY);
        assertThat(LogConfigurator.fileOnly(marked)).isTrue();
        assertThat(LogConfigurator.fileOnly(event("javafx",
                "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @1'"))).isTrue();
        assertThat(LogConfigurator.fileOnly(event("javafx", "Could not load some resource"))).isFalse();
        assertThat(LogConfigurator.fileOnly(event("dev.bulwark.x", "Unsupported JavaFX configuration"))).isFalse();
    }

    private LoggingEvent event(String logger, String message) {
        LoggingEvent e = new LoggingEvent();
        e.setLoggerName(logger);
        e.setMessage(message);
        e.setLevel(Level.WARN);
        return e;
    }
}
