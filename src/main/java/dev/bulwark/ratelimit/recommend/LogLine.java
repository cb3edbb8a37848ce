package dev.bulwark.ratelimit.recommend;

import java.nio.charset.StandardCharsets;

/**
 * One parsed access-log line, as offsets into the reader's buffer: valid only during the callback that
 * receives it (the parser reuses it for the next line, so no object is made per line).
 */
public final class LogLine {
    byte[] buf;
    int hostStart;
    int hostEnd;
    int userStart;
    int userEnd;
    int pathStart;
    int pathEnd;
    int agentStart = -1;
    int agentEnd = -1;
    int status;
    long epochSecond;
    long lineNumber;

    /** When the request was logged, in epoch seconds. */
    public long epochSecond() {
        return epochSecond;
    }

    /** The 1-based line number in the file. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The HTTP status, or -1 when the log has {@code -}. */
    public int status() {
        return status;
    }

    /** The remote address. */
    public String host() {
        return new String(buf, hostStart, hostEnd - hostStart, StandardCharsets.ISO_8859_1);
    }

    /** The authenticated user, {@code -} when none. */
    public String user() {
        return new String(buf, userStart, userEnd - userStart, StandardCharsets.UTF_8);
    }

    /** True when the line names no user ({@code -}). */
    public boolean anonymous() {
        return userEnd - userStart == 1 && buf[userStart] == '-';
    }

    /** The request path (with its query), empty when the request line has none. */
    public String path() {
        return new String(buf, pathStart, pathEnd - pathStart, StandardCharsets.UTF_8);
    }

    /** The user agent of a combined-format line, or null for the common format. */
    public String agent() {
        return agentStart < 0 ? null : new String(buf, agentStart, agentEnd - agentStart, StandardCharsets.UTF_8);
    }

    /** True when the path starts with {@code prefix} (ASCII compare on the raw bytes, no copy). */
    public boolean pathStartsWith(byte[] prefix) {
        if (pathEnd - pathStart < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[pathStart + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code depth} segments of the path without its query ({@code /api/v1} for depth 2). */
    public String pathPrefix(int depth) {
        int i = pathStart;
        int seen = 0;
        while (i < pathEnd) {
            byte b = buf[i];
            if (b == '?' || b == '#') {
                break;
            }
            if (b == '/' && i > pathStart) {
                if (++seen == depth) {
                    break;
                }
            }
            i++;
        }
        return i == pathStart ? "/" : new String(buf, pathStart, i - pathStart, StandardCharsets.UTF_8);
    }
}
