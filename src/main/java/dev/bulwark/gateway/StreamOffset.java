package dev.bulwark.gateway;

/**
 * A message's position in its channel's history: {@code <ms>-<seq>}, the form of a Redis stream id, ordered by
 * {@code ms} then {@code seq}. In-process histories use {@code 0-<n>}.
 *
 * @param ms  the major part (milliseconds for Redis streams, 0 in process)
 * @param seq the minor part
 */
public record StreamOffset(long ms, long seq) implements Comparable<StreamOffset> {
    /** Before every message. */
    public static final StreamOffset ZERO = new StreamOffset(0, 0);

    public StreamOffset {
        if (ms < 0 || seq < 0) {
            throw new IllegalArgumentException("offset parts must not be negative: " + ms + "-" + seq);
        }
    }

    /** Parses {@code 1700000000000-3}; the message names the text. */
    public static StreamOffset parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw new IllegalArgumentException("offset '" + text + "' is not of the form <ms>-<seq>");
        }
        try {
            return new StreamOffset(Long.parseLong(text, 0, dash, 10), Long.parseLong(text, dash + 1, text.length(), 10));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("offset '" + text + "' is not of the form <ms>-<seq>", e);
        }
    }

    @Override
    public int compareTo(StreamOffset o) {
        int c = Long.compare(ms, o.ms);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    /** True when this comes after {@code o}. */
    public boolean isAfter(StreamOffset o) {
        return compareTo(o) > 0;
    }

    @Override
    public String toString() {
        return ms + "-" + seq;
    }
}
