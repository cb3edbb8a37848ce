package dev.bulwark.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * java.util.logging's configuration, named by {@code java.util.logging.config.class} ({@link LoggingSetup}): the
 * JDK instantiates it when something first uses java.util.logging (JavaFX, the JDK's own loggers), and it makes
 * SLF4J's bridge the root's only handler, so those records reach the Bulwark log. Installing the bridge at start
 * instead set up the whole LogManager on every start, also for the commands nothing logs through it in (issue 12).
 */
public final class JulToSlf4j {
    /** The configuration the LogManager reads instead of the JDK's {@code logging.properties}. */
    static final String CONFIGURATION = "handlers=" + SLF4JBridgeHandler.class.getName() + "\n.level=INFO\n";

    /**
     * Called by the LogManager while it initialises (the documented use of {@code java.util.logging.config.class}).
     *
     * @throws IOException never in practice: the configuration is read from memory
     */
    public JulToSlf4j() throws IOException {
        LogManager.getLogManager().readConfiguration(
                new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
