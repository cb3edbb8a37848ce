package dev.bulwark.ratelimit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The limiting strategies; {@link #id()} is the name used in scenario files and on the command line. */
public enum Algorithm {
    /** Bucket of {@code capacity} tokens (the burst) refilled at {@code tokens} per {@code period}. */
    TOKEN_BUCKET("token-bucket"),
    /** Exact log of accepted requests: at most {@code capacity} in any window of {@code period}. */
    SLIDING_LOG("sliding-log"),
    /** Current window count plus the previous window's count weighted by its overlap. */
    SLIDING_WINDOW("sliding-window"),
    /** Counter reset at each {@code period} boundary (allows up to 2x at a boundary). */
    FIXED_WINDOW("fixed-window"),
    /** Generic cell rate algorithm: theoretical arrival time with burst tolerance {@code capacity}. */
    GCRA("gcra"),
    /** Leaky bucket as a meter: level drains at {@code tokens} per {@code period}, holds {@code capacity}. */
    LEAKY_BUCKET("leaky-bucket");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    /** The external name, e.g. {@code token-bucket}. */
    public String id() {
        return id;
    }

    /** Parses an external name (case-insensitive; {@code _} accepted for {@code -}). */
    public static Algorithm fromId(String text) {
        String norm = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Algorithm a : values()) {
            if (a.id.equals(norm)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + text + "'; expected one of "
                + Arrays.stream(values()).map(Algorithm::id).collect(Collectors.joining(", ")));
    }
}
