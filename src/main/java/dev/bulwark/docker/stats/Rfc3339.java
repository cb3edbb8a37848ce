package dev.bulwark.docker.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Fast path for the engine's UTC timestamps ({@code 2026-11-25T00:11:54.914845933Z}); anything else goes
 * through {@link Instant#parse}. {@code 0001-01-01...} (Go's zero time) means "none".
 */
final class Rfc3339 {
    private Rfc3339() {
    }

    static Instant parse(String s) {
        if (s == null || s.isEmpty() || s.startsWith("0001-01-01")) {
            return null;
        }
        int n = s.length();
        if (n >= 20 && s.charAt(n - 1) == 'Z' && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':') {
            try {
                long days = LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10)).toEpochDay();
                long seconds = days * 86_400 + digits(s, 11, 13) * 3600L + digits(s, 14, 16) * 60L + digits(s, 17, 19);
                int nanos = 0;
                if (s.charAt(19) == '.') {
                    int end = n - 1;
                    if (end - 20 < 1 || end - 20 > 9) {
                        return slow(s);
                    }
                    nanos = digits(s, 20, end);
                    for (int i = end - 20; i < 9; i++) {
                        nanos *= 10;
                    }
                } else if (n != 20) {
                    return slow(s);
                }
                return Instant.ofEpochSecond(seconds, nanos);
            } catch (RuntimeException e) {
                return slow(s);
            }
        }
        return slow(s);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a digit in " + s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Instant slow(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
