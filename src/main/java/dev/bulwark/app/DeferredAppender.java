package dev.bulwark.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.function.Supplier;

/**
 * An appender that builds and starts the real one (given by a factory) on the first event that passes its filters,
 * so a start that logs nothing (most CLI commands: {@code --version}, a clean scan) never compiles the layout
 * patterns or opens and rolls the log file. Events are handed over in order; the real appender does its own
 * locking, as it would when attached directly.
 */
final class DeferredAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final Supplier<Appender<ILoggingEvent>> factory;
    private volatile Appender<ILoggingEvent> delegate;

    DeferredAppender(String name, Supplier<Appender<ILoggingEvent>> factory) {
        this.factory = factory;
        setName(name);
    }

    @Override
    protected void append(ILoggingEvent event) {
        Appender<ILoggingEvent> real = delegate;
        if (real == null) {
            synchronized (this) {
                real = delegate;
                if (real == null) {
                    real = factory.get();
                    delegate = real;
                }
            }
        }
        real.doAppend(event);
    }

    /** The real appender, or null while no event has reached it. */
    Appender<ILoggingEvent> delegate() {
        return delegate;
    }

    @Override
    public void stop() {
        super.stop();
        Appender<ILoggingEvent> real = delegate;
        if (real != null) {
            real.stop();
        }
    }
}
