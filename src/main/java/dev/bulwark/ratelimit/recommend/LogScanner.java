package dev.bulwark.ratelimit.recommend;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.GZIPInputStream;

/**
 * Streams a common or combined access log (Apache, NGINX), plain or gzip (detected by its magic bytes),
 * line by line without building a string per line: the fields are parsed in place from a byte buffer and
 * handed to the sink as a reused {@link LogLine}. Lines that are not in the format are passed to
 * {@link Sink#bad} with their number and the reason, and the scan goes on.
 *
 * <p>Format: {@code host ident user [dd/MMM/yyyy:HH:mm:ss +zzzz] "METHOD path PROTO" status bytes}
 * optionally followed by {@code "referer" "user agent"} (combined) and anything else.
 */
public final class LogScanner {
    /** Lines longer than this are reported as bad rather than buffered without bound. */
    static final int MAX_LINE = 64 * 1024;
    private static final byte[] MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Why a line could not be used. */
    public enum Problem {
        /** Not host ident user [time] "request" status bytes. */
        FORMAT("not in common/combined log format"),
        /** The bracketed time is not dd/MMM/yyyy:HH:mm:ss +zzzz. */
        TIMESTAMP("bad timestamp"),
        /** Longer than 64 KiB. */
        TOO_LONG("line longer than 64 KiB");

        private final String text;

        Problem(String text) {
            this.text = text;
        }

        /** A short description. */
        public String text() {
            return text;
        }
    }

    /** Receives the lines. */
    public interface Sink {
        /** A well-formed line (valid only during the call). */
        void line(LogLine line);

        /** A line that could not be parsed. */
        void bad(long lineNumber, Problem problem);
    }

    /** Receives the number of (compressed) bytes read so far; may be called often. */
    @FunctionalInterface
    public interface Progress {
        /** {@code bytes} of the file have been consumed. */
        void bytesRead(long bytes) throws InterruptedException;
    }

    private final LogLine line = new LogLine();
    // cache of the last date seen: most consecutive lines share it
    private int cachedDay = -1;
    private int cachedMonth = -1;
    private int cachedYear = -1;
    private long cachedEpochDay;

    /**
     * Reads {@code file} to the end.
     *
     * @return the number of lines read (well-formed or not, blank ones included)
     * @throws InterruptedException when {@code progress} says to stop
     */
    public long scan(Path file, Sink sink, Progress progress) throws IOException, InterruptedException {
        try (CountingStream counted = new CountingStream(Files.newInputStream(file));
             InputStream in = open(counted)) {
            return scan(in, sink, counted, progress);
        }
    }

    /** True when {@code file} starts with the gzip magic bytes. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static InputStream open(InputStream raw) throws IOException {
        BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        return m1 == 0x1f && m2 == 0x8b ? new GZIPInputStream(b, 1 << 16) : b;
    }

    private long scan(InputStream in, Sink sink, CountingStream counted, Progress progress)
            throws IOException, InterruptedException {
        byte[] buf = new byte[1 << 17];
        int start = 0;
        int end = 0;
        long no = 0;
        boolean skipping = false;  // inside an over-long line, already reported
        while (true) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                break;
            }
            end += n;
            int i = start;
            while (true) {
                int nl = indexOf(buf, (byte) '\n', i, end);
                if (nl < 0) {
                    break;
                }
                if (skipping) {
                    skipping = false;
                } else {
                    no++;
                    handle(buf, start, nl, no, sink);
                }
                start = nl + 1;
                i = start;
            }
            if (end - start >= MAX_LINE) {
                if (!skipping) {
                    no++;
                    sink.bad(no, Problem.TOO_LONG);
                    skipping = true;
                }
                start = end;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (progress != null) {
                progress.bytesRead(counted.count);
            }
        }
        if (end > start && !skipping) {
            no++;
            handle(buf, start, end, no, sink);
        }
        return no;
    }

    private static int indexOf(byte[] b, byte v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private void handle(byte[] b, int s, int e, long no, Sink sink) {
        if (e > s && b[e - 1] == '\r') {
            e--;
        }
        if (blank(b, s, e)) {
            return;
        }
        Problem p = parse(b, s, e, no);
        if (p == null) {
            sink.line(line);
        } else {
            sink.bad(no, p);
        }
    }

    private static boolean blank(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Fills {@link #line}; returns the problem or null. */
    private Problem parse(byte[] b, int s, int e, long no) {
        LogLine l = line;
        l.buf = b;
        l.lineNumber = no;
        int i = s;
        // host
        int sp = indexOf(b, (byte) ' ', i, e);
        if (sp <= i) {
            return Problem.FORMAT;
        }
        l.hostStart = i;
        l.hostEnd = sp;
        // ident
        i = sp + 1;
        sp = indexOf(b, (byte) ' ', i, e);
        if (sp <= i) {
            return Problem.FORMAT;
        }
        // user
        i = sp + 1;
        sp = indexOf(b, (byte) ' ', i, e);
        if (sp <= i) {
            return Problem.FORMAT;
        }
        l.userStart = i;
        l.userEnd = sp;
        // [time]
        i = sp + 1;
        if (i >= e || b[i] != '[') {
            return Problem.FORMAT;
        }
        int close = indexOf(b, (byte) ']', i + 1, e);
        if (close < 0) {
            return Problem.FORMAT;
        }
        if (!time(b, i + 1, close)) {
            return Problem.TIMESTAMP;
        }
        // "request"
        i = close + 1;
        if (i + 1 >= e || b[i] != ' ' || b[i + 1] != '"') {
            return Problem.FORMAT;
        }
        i += 2;
        int q = closingQuote(b, i, e);
        if (q < 0) {
            return Problem.FORMAT;
        }
        request(b, i, q);
        // status bytes
        i = q + 1;
        if (i >= e || b[i] != ' ') {
            return Problem.FORMAT;
        }
        i++;
        if (i + 3 <= e && digit(b[i]) && digit(b[i + 1]) && digit(b[i + 2]) && (i + 3 == e || b[i + 3] == ' ')) {
            l.status = (b[i] - '0') * 100 + (b[i + 1] - '0') * 10 + (b[i + 2] - '0');
            i += 3;
        } else if (i < e && b[i] == '-' && (i + 1 == e || b[i + 1] == ' ')) {
            l.status = -1;
            i += 1;
        } else {
            return Problem.FORMAT;
        }
        if (i >= e) {
            return Problem.FORMAT;  // the bytes field is missing
        }
        i++;
        int bytesEnd = i;
        while (bytesEnd < e && b[bytesEnd] != ' ') {
            bytesEnd++;
        }
        if (bytesEnd == i) {
            return Problem.FORMAT;
        }
        agent(b, bytesEnd, e);
        return null;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Index of the closing quote from {@code i}, skipping backslash-escaped ones (Apache writes \"). */
    private static int closingQuote(byte[] b, int i, int e) {
        for (int k = i; k < e; k++) {
            if (b[k] == '\\') {
                k++;
            } else if (b[k] == '"') {
                return k;
            }
        }
        return -1;
    }

    /** METHOD path PROTO; a request line without a path (e.g. "-" or garbage) gets an empty path. */
    private void request(byte[] b, int s, int e) {
        int sp = indexOf(b, (byte) ' ', s, e);
        if (sp < 0) {
            line.pathStart = line.pathEnd = s;
            return;
        }
        int ps = sp + 1;
        int pe = indexOf(b, (byte) ' ', ps, e);
        line.pathStart = ps;
        line.pathEnd = pe < 0 ? e : pe;
    }

    /** After the bytes field of a combined line: ' "referer" "agent"'. */
    private void agent(byte[] b, int i, int e) {
        line.agentStart = -1;
        line.agentEnd = -1;
        if (i + 1 >= e || b[i] != ' ' || b[i + 1] != '"') {
            return;
        }
        int q = closingQuote(b, i + 2, e);
        if (q < 0 || q + 2 >= e || b[q + 1] != ' ' || b[q + 2] != '"') {
            return;
        }
        int q2 = closingQuote(b, q + 3, e);
        if (q2 < 0) {
            return;
        }
        line.agentStart = q + 3;
        line.agentEnd = q2;
    }

    /** dd/MMM/yyyy:HH:mm:ss +zzzz into {@link LogLine#epochSecond}. */
    private boolean time(byte[] b, int s, int e) {
        if (e - s != 26 || b[s + 2] != '/' || b[s + 6] != '/' || b[s + 11] != ':' || b[s + 14] != ':'
                || b[s + 17] != ':' || b[s + 20] != ' ' || (b[s + 21] != '+' && b[s + 21] != '-')) {
            return false;
        }
        int day = num(b, s, 2);
        int year = num(b, s + 7, 4);
        int hour = num(b, s + 12, 2);
        int min = num(b, s + 15, 2);
        int sec = num(b, s + 18, 2);
        int zh = num(b, s + 22, 2);
        int zm = num(b, s + 24, 2);
        int month = month(b, s + 3);
        if (day < 1 || year < 0 || hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 60
                || zh < 0 || zh > 18 || zm < 0 || zm > 59 || month < 1) {
            return false;
        }
        if (day != cachedDay || month != cachedMonth || year != cachedYear) {
            try {
                cachedEpochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (java.time.DateTimeException ex) {
                return false;
            }
            cachedDay = day;
            cachedMonth = month;
            cachedYear = year;
        }
        int offset = (zh * 3600 + zm * 60) * (b[s + 21] == '-' ? -1 : 1);
        line.epochSecond = cachedEpochDay * 86_400 + hour * 3600L + min * 60L + sec - offset;
        return true;
    }

    private static int num(byte[] b, int s, int n) {
        int v = 0;
        for (int i = s; i < s + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int month(byte[] b, int s) {
        for (int m = 0; m < 12; m++) {
            if (MONTHS[m * 3] == b[s] && MONTHS[m * 3 + 1] == b[s + 1] && MONTHS[m * 3 + 2] == b[s + 2]) {
                return m + 1;
            }
        }
        return -1;
    }

    /** Counts the bytes read from the file (before decompression) for progress. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int r = super.read();
            if (r >= 0) {
                count++;
            }
            return r;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
