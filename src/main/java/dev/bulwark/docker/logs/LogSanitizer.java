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
 * colour sequences become {@link StyleSpan}s, other escape sequences (ECMA-48: CSI, OSC/DCS/APC/PM/SOS
 * strings, charset designations, two-character escapes) are dropped, remaining control characters (a lone
 * ESC among them) are shown as Unicode control pictures (so a log cannot move the cursor, clear the screen or
 * retitle a terminal), the bidirectional override, embedding and isolate controls (U+202A..U+202E,
 * U+2066..U+2069, which reorder how the rest of the line reads) become U+FFFD, and text past {@code maxChars}
 * is cut with a marker.
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
            int end = c == 0x1B ? escapeEnd(s, i) : i;
            if (end > i + 1) {
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
            } else if ((c >= 0x80 && c <= 0x9F) || bidiControl(c)) {
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

    /** True for the bidirectional embedding, override and isolate controls. */
    static boolean bidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /**
     * Index just past the escape sequence starting at {@code i} (CSI, a control string, an nF sequence such
     * as a charset designation, or a two-character escape), or {@code i + 1} for a lone ESC: one at the end of
     * the line, or before a character that starts no sequence (which is then kept).
     */
    static int escapeEnd(String s, int i) {
        int n = s.length();
        if (i + 1 >= n) {
            return i + 1;
        }
        char kind = s.charAt(i + 1);
        if (kind == '[') {
            // parameter and intermediate bytes, then a final byte; anything else ends it unconsumed
            int j = i + 2;
            while (j < n && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x3F) {
                j++;
            }
            return j < n && s.charAt(j) >= 0x40 && s.charAt(j) <= 0x7E ? j + 1 : j;
        }
        if (kind == ']' || kind == 'P' || kind == '_' || kind == '^' || kind == 'X') {
            // OSC/DCS/APC/PM/SOS: up to BEL or ST (ESC \)
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
        if (kind >= 0x20 && kind <= 0x2F) {
            // nF: intermediate bytes, then one final byte, e.g. ESC ( B
            int j = i + 1;
            while (j < n && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x2F) {
                j++;
            }
            return j < n && s.charAt(j) >= 0x30 && s.charAt(j) <= 0x7E ? j + 1 : i + 1;
        }
        // Fp, Fe and standardised Fs two-character escapes (ESC 7, ESC M, ESC c, ...)
        return (kind >= 0x30 && kind <= 0x5F) || "`abcdno|}~".indexOf(kind) >= 0 ? i + 2 : i + 1;
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
