package dev.bulwark.ratelimit.recommend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Hand-made access-log lines for the pure-logic tests (the real logs come from nginx, see NginxAccessLogTest). */
final class TestLogs {
    static final long T0 = 1_767_225_600L;  // 2026-01-01T00:00:00Z
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.ofHours(2));

    private TestLogs() {
    }

    /** A combined-format line at {@code T0 + second}. */
    static String line(String ip, String user, long second, String path, int status, String agent) {
        return ip + " - " + user + " [" + TIME.format(Instant.ofEpochSecond(T0 + second)) + "] \"GET " + path
                + " HTTP/1.1\" " + status + " 512 \"-\" \"" + agent + "\"";
    }

    /** A line from {@code ip} for {@code /} at {@code T0 + second}. */
    static String at(String ip, long second) {
        return line(ip, "-", second, "/", 200, "curl/8");
    }

    static Path write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines);
        return file;
    }

    /**
     * A varied log: 300 clients over two hours, most calm, some bursty, a few heavy; lines shuffled by up
     * to {@code jitter} seconds as a log written at request completion would be.
     */
    static List<String> varied(long seed, int jitter) {
        Random rnd = new Random(seed);
        List<long[]> events = new ArrayList<>();  // {logged second, client}
        for (int c = 0; c < 300; c++) {
            int kind = c % 10;
            int n = kind < 6 ? 5 + rnd.nextInt(40) : kind < 9 ? 50 + rnd.nextInt(200) : 500 + rnd.nextInt(1500);
            long at = rnd.nextInt(7200);
            for (int i = 0; i < n; i++) {
                // bursts: several requests in the same or adjacent seconds, then a pause
                at += rnd.nextInt(10) < 7 ? rnd.nextInt(2) : rnd.nextInt(kind == 9 ? 20 : 120);
                events.add(new long[] {Math.min(at, 7199), c});
            }
        }
        events.sort((a, b) -> Long.compare(a[0] + jitterOf(a, jitter), b[0] + jitterOf(b, jitter)));
        List<String> lines = new ArrayList<>();
        for (long[] e : events) {
            lines.add(at("10.0." + (e[1] / 250) + "." + (e[1] % 250), e[0]));
        }
        return lines;
    }

    /** A stable pseudo-random delay per event so the sort above is a consistent order. */
    private static long jitterOf(long[] e, int jitter) {
        return jitter == 0 ? 0 : Math.floorMod(e[0] * 31 + e[1] * 17 + (e[0] ^ e[1]) * 7, jitter + 1);
    }
}
