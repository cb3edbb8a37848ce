package dev.bulwark.docker.logs;

import dev.bulwark.docker.engine.LogChunk;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw bytes of one log line into a {@link LogLine}: invalid UTF-8 becomes U+FFFD, ANSI SGR
 * colour sequences become {@link StyleSpan}s, other escape sequences are dropped, remaining control
 * characters are shown as Unicode control pictures (so a log cannot move the cursor, clear the screen or
 * retitle a terminal), and text past {@code maxChars} is cut with a marker.
 */
public final class LogSanitizer {
    private final int maxChars;

    /** @param maxChars longest text kept per line; longer lines are cut and marked */
    public LogSanitizer(int maxChars) {
        if (maxChars < 16) {
            throw new IllegalArgumentException("maxChars must be at least 16, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /**
     * Sanitises {@code raw} (one line, without the newline).
     *
     * @param timestamps whether the engine prefixed the line with an RFC 3339 timestamp and a space
     * @param droppedBytes bytes already discarded upstream because the line was too long
     */
    public LogLine sanitize(LogChunk.Source source, byte[] raw, boolean timestamps, long droppedBytes) {
        String s = decode(raw);
        Instant ts = null;
        if (timestamps) {
            int sp = s.indexOf(' ');
            String head = sp < 0 ? s : s.substring(0, sp);
            try {
                ts = Instant.parse(head);
                s = sp < 0 ? "" : s.substring(sp + 1);
            } catch (DateTimeParseException e) {
                ts = null; // no timestamp on this line (continuation of a cut line): keep the text whole
            }
        }
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxChars) + 32);
        List<StyleSpan> spans = new ArrayList<>();
        AnsiStyle style = new AnsiStyle();
        int spanStart = 0;
        int dropped = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == 0x1B) {
                int end = escapeEnd(s, i);
                if (end > i + 2 && s.charAt(i + 1) == '[' && s.charAt(end - 1) == 'm') {
                    AnsiStyle before = style.copy();
                    style.apply(s.substring(i + 2, end - 1));
                    if (!style.equals(before)) {
                        addSpan(spans, before, spanStart, out.length());
                        spanStart = out.length();
                    }
                }
                i = end;
                continue;
            }
            if (out.length() >= maxChars) {
                dropped++;
            } else if (c == '\t') {
                out.append(c);
            } else if (c < 0x20) {
                out.append((char) (0x2400 + c));
            } else if (c == 0x7F) {
                out.append('\u2421');
            } else if (c >= 0x80 && c <= 0x9F) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
            i++;
        }
        addSpan(spans, style, spanStart, out.length());
        boolean truncated = dropped > 0 || droppedBytes > 0;
        if (truncated) {
            out.append(" …[line cut: ").append(dropped > 0 ? dropped + " chars" : "")
                    .append(dropped > 0 && droppedBytes > 0 ? " + " : "")
                    .append(droppedBytes > 0 ? droppedBytes + " bytes" : "").append(" more]");
        }
        return new LogLine(ts, source, out.toString(), spans, truncated);
    }

    private static void addSpan(List<StyleSpan> spans, AnsiStyle style, int start, int end) {
        if (end > start && !style.isDefault()) {
            spans.add(style.span(start, end));
        }
    }

    /** Index just past the escape sequence starting at {@code i} (CSI, OSC, or a two-char escape). */
    static int escapeEnd(String s, int i) {
        int n = s.length();
        if (i + 1 >= n) {
            return n;
        }
        char kind = s.charAt(i + 1);
        if (kind == '[') {
            int j = i + 2;
            while (j < n && (s.charAt(j) < 0x40 || s.charAt(j) > 0x7E)) {
                j++;
            }
            return Math.min(n, j + 1);
        }
        if (kind == ']' || kind == 'P' || kind == '_' || kind == '^') {
            // OSC/DCS/APC/PM: up to BEL or ST (ESC \)
            for (int j = i + 2; j < n; j++) {
                if (s.charAt(j) == 0x07) {
                    return j + 1;
                }
                if (s.charAt(j) == 0x1B && j + 1 < n && s.charAt(j + 1) == '\\') {
                    return j + 2;
                }
            }
            return n;
        }
        return i + 2;
    }

    private static String decode(byte[] raw) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer cb = d.decode(ByteBuffer.wrap(raw));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("REPLACE decoder cannot fail", e);
        }
    }
}
