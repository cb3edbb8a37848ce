package dev.bulwark.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import dev.bulwark.util.LogMarkers;
import java.util.Map;

/**
 * Bulwark's logging configuration in code, found by Logback through {@code ServiceLoader}: the same appenders and
 * levels as {@code logback.xml} (a rolling file in {@code bulwark.logDir}, warnings on stderr, quiet libraries),
 * without Logback's XML configurator, which loaded about 530 classes and the JAXP parser on every start, a third
 * of {@code bulwark --version}'s class loading. {@code logback.xml} stays the reference and is used when asked for
 * ({@code -Dlogback.configurationFile}), as is a {@code logback-test.xml} on the class path (the tests').
 *
 * <p>Both appenders are {@link DeferredAppender}s: their layouts are compiled and the log file opened (and rolled)
 * on the first event that reaches them, not at start-up, where it was paid by every CLI command
 * although most commands log nothing.
 */
// Above Logback's own XML configurator (rank 20), so that one is not even loaded unless this one defers.
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** Set by {@link LoggingSetup} when the log folder cannot be written: stderr only. */
    static final String STDERR_ONLY = "bulwark.logStderrOnly";
    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    private static final String FILE_PATTERN = "%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n";
    private static final Map<String, Level> LIBRARY_LEVELS = Map.of(
            "org.apache.hc", Level.WARN, "com.github.dockerjava", Level.WARN, "io.lettuce", Level.WARN,
            "io.netty", Level.WARN, "reactor", Level.WARN);

    /** Public for {@code ServiceLoader}. */
    public LogConfigurator() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Adds Bulwark's appenders and levels to {@code context}. */
    static void apply(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console(context));
        if (!Boolean.getBoolean(STDERR_ONLY)) {
            root.addAppender(file(context));
        }
        LIBRARY_LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    /** Warnings (by default) on stderr; the filters sit on the deferred appender, so a filtered event builds nothing. */
    private static Appender<ILoggingEvent> console(LoggerContext context) {
        DeferredAppender deferred = new DeferredAppender("CONSOLE", () -> {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(context);
            console.setName("CONSOLE");
            console.setTarget("System.err");
            console.setEncoder(encoder(context, CONSOLE_PATTERN));
            console.start();
            return console;
        });
        deferred.setContext(context);
        deferred.addFilter(new ch.qos.logback.core.filter.Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                return fileOnly(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        });
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(System.getProperty("bulwark.consoleLevel", "INFO"));
        threshold.start();
        deferred.addFilter(threshold);
        deferred.start();
        return deferred;
    }

    /**
     * Events for the log file, not the console: {@link LogMarkers#FILE_ONLY} (the user was told in one line; the
     * trace is for the file), and JavaFX's start-up warning about running from the class path, which is how
     * Bulwark runs it on purpose (one jar for the CLI and the GUI) and nothing a user can act on.
     */
    static boolean fileOnly(ILoggingEvent event) {
        if (event.getMarkerList() != null && event.getMarkerList().contains(LogMarkers.FILE_ONLY)) {
            return true;
        }
        return "javafx".equals(event.getLoggerName()) && event.getMessage() != null
                && event.getMessage().startsWith("Unsupported JavaFX configuration");
    }

    private static Appender<ILoggingEvent> file(LoggerContext context) {
        // Read now: the folder LoggingSetup chose for this start, even if the property changes before the first event.
        String dir = System.getProperty(LogFolder.PROPERTY, System.getProperty("java.io.tmpdir") + "/bulwark-logs");
        DeferredAppender deferred = new DeferredAppender("FILE", () -> rollingFile(context, dir));
        deferred.setContext(context);
        deferred.start();
        return deferred;
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, String dir) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir + "/bulwark.log");
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        policy.setFileNamePattern(dir + "/bulwark.%d{yyyy-MM-dd}.%i.log.gz");
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("200MB"));
        file.setRollingPolicy(policy);
        file.setEncoder(encoder(context, FILE_PATTERN));
        policy.start();
        file.start();
        return file;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
