package dev.bulwark.util;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** Markers the logging configuration ({@code logback.xml}) acts on. */
public final class LogMarkers {
    /**
     * The user has already been told in one line (on stderr or in the window); this event, with its stack trace,
     * is for the log file only. The console appender drops it.
     */
    public static final Marker FILE_ONLY = MarkerFactory.getMarker("FILE_ONLY");

    private LogMarkers() {
    }
}
