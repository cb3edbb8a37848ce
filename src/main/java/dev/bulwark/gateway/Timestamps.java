package dev.bulwark.gateway;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The gateway's timestamps: UTC ISO-8601 without a zone, microseconds when the fraction is not zero
 * ({@code 2025-10-11T12:00:00.123456}, {@code 2025-10-11T12:00:00}), as Python's {@code datetime.isoformat()}
 * writes them. Reading also accepts {@code Z} and zone offsets.
 */
public final class Timestamps {
    private static final DateTimeFormatter WHOLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private Timestamps() {
    }

    /** {@code instant} in the gateway's form. */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return (t.getNano() == 0 ? WHOLE : MICROS).format(t);
    }

    /**
     * Parses a gateway timestamp: no zone means UTC; {@code Z} or an offset is honoured.
     *
     * @throws IllegalArgumentException naming the text when it is not ISO-8601
     */
    public static Instant parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("timestamp is missing");
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException noZone) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("timestamp '" + text + "' is not ISO-8601", e);
            }
        }
    }
}
