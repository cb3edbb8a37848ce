package dev.bulwark.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLogger;

/**
 * A logger that looks up its SLF4J logger when it first logs (or is asked for a level), for classes every CLI
 * command initialises. {@code LoggerFactory.getLogger} in a static field starts SLF4J and Logback (provider
 * lookup, context, configurator) when the class is initialised, which was a tenth of a cold {@code bulwark scan}
 * that never logs a line (issue 12). Every call goes through {@link #delegate()}: SLF4J's substitute logger
 * forwards each {@link Logger} method to it, so nothing here re-implements logging. The log patterns carry no
 * caller location, so the extra frame changes nothing in the output.
 */
public final class LazyLogger extends SubstituteLogger {
    private LazyLogger(String name) {
        super(name, null, true);
    }

    /** The lazily looked-up logger named after {@code owner}, as {@code LoggerFactory.getLogger(owner)} would be. */
    public static Logger of(Class<?> owner) {
        return new LazyLogger(owner.getName());
    }

    @Override
    public Logger delegate() {
        if (isDelegateNull()) {
            // Racing first calls may both look it up: LoggerFactory hands out the same logger for a name.
            setDelegate(LoggerFactory.getLogger(getName()));
        }
        return super.delegate();
    }
}
