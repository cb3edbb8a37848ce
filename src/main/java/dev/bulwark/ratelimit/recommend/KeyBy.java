package dev.bulwark.ratelimit.recommend;

import java.util.Locale;

/** What identifies a limited client in an access log. */
public enum KeyBy {
    /** The remote address. */
    IP("ip"),
    /** The authenticated user; lines without one ({@code -}) fall back to the address, as the lab's replay does. */
    USER("user"),
    /** The remote address and the first segment(s) of the path, e.g. {@code 10.0.0.1 /api}. */
    IP_PATH("ip+path");

    private final String id;

    KeyBy(String id) {
        this.id = id;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /** Parses {@code ip}, {@code user} or {@code ip+path}. */
    public static KeyBy fromId(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (KeyBy k : values()) {
            if (k.id.equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown key '" + text + "'; expected ip, user or ip+path");
    }

    /** The key of {@code line}; {@code depth} is the number of path segments for {@link #IP_PATH}. */
    String keyOf(LogLine line, int depth) {
        return switch (this) {
            case IP -> line.host();
            case USER -> line.anonymous() ? line.host() : line.user();
            case IP_PATH -> line.host() + " " + line.pathPrefix(depth);
        };
    }
}
