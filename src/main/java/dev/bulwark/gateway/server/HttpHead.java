package dev.bulwark.gateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The head of one HTTP/1.1 request, as the server's front reads it before deciding between a WebSocket upgrade
 * and its few plain endpoints.
 *
 * @param method  {@code GET}, {@code POST}, ...
 * @param target  the request target ({@code /ws/abc?x=1})
 * @param headers header names in lower case; repeated headers joined with {@code ", "}
 * @param raw     the bytes read so far (the head and whatever followed it in the same reads)
 * @param headEnd index in {@code raw} just after the blank line
 */
record HttpHead(String method, String target, Map<String, String> headers, byte[] raw, int headEnd) {
    static final int MAX_HEAD = 16 * 1024;

    /** A malformed or oversized head. */
    static final class BadRequest extends IOException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** The path without the query. */
    String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The query string, or "". */
    String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean isUpgrade() {
        String u = header("upgrade");
        return u != null && u.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /** Bytes after the head that were read with it (the start of a body or of WebSocket frames). */
    byte[] rest() {
        return Arrays.copyOfRange(raw, headEnd, raw.length);
    }

    /**
     * Reads one head from {@code in}, starting with {@code carry} (bytes left over from the previous request on a
     * kept-alive connection). Returns null on a clean end of stream before any byte.
     */
    static HttpHead read(InputStream in, byte[] carry) throws IOException {
        byte[] buf = Arrays.copyOf(carry, Math.max(carry.length, 2048));
        int len = carry.length;
        while (true) {
            int end = find(buf, len);
            if (end >= 0) {
                return parse(Arrays.copyOf(buf, len), end);
            }
            if (len >= MAX_HEAD) {
                throw new BadRequest("request head over " + MAX_HEAD + " bytes");
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(MAX_HEAD, buf.length * 2));
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                if (len == 0) {
                    return null;
                }
                throw new BadRequest("connection closed inside a request head");
            }
            len += n;
        }
    }

    private static int find(byte[] b, int len) {
        for (int i = 3; i < len; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static HttpHead parse(byte[] raw, int end) throws BadRequest {
        String text = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        String[] first = lines[0].split(" ");
        if (first.length != 3 || !first[2].startsWith("HTTP/1.")) {
            throw new BadRequest("malformed request line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest("malformed header line");
            }
            String name = l.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).strip();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new HttpHead(first[0], first[1], headers, raw, end);
    }
}
