package dev.bulwark.util;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link LazyLogger} logs exactly as the logger {@code LoggerFactory} gives for the same class. */
class LazyLoggerTest {
    @Test
    void logsThroughTheNamedLoggerOnceUsed() {
        Logger lazy = LazyLogger.of(LazyLoggerTest.class);
        assertThat(lazy.getName()).isEqualTo(LazyLoggerTest.class.getName());
        var real = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(LazyLoggerTest.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        real.addAppender(seen);
        try {
            lazy.warn("disk {} is full", "/data", new IllegalStateException("boom"));
            lazy.atError().setMessage("fluent {}").addArgument(7).log();
            lazy.debug("below the level: not kept");
        } finally {
            real.detachAppender(seen);
        }
        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("disk /data is full", "fluent 7");
        assertThat(seen.list.getFirst().getThrowableProxy().getMessage()).isEqualTo("boom");
        assertThat(seen.list).extracting(ILoggingEvent::getLoggerName).containsOnly(LazyLoggerTest.class.getName());
        assertThat(lazy.isWarnEnabled()).isEqualTo(real.isWarnEnabled());
    }
}
