package dev.bulwark.ratelimit.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogScannerTest {
    @TempDir
    Path dir;

    private record Seen(List<String> lines, List<String> bad) {
    }

    private Seen scan(Path f) throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        new LogScanner().scan(f, new LogScanner.Sink() {
            @Override
            public void line(LogLine l) {
                lines.add(l.lineNumber() + "|" + l.host() + "|" + l.user() + "|" + l.epochSecond() + "|" + l.path()
                        + "|" + l.status() + "|" + l.agent());
            }

            @Override
            public void bad(long lineNumber, LogScanner.Problem problem) {
                bad.add(lineNumber + ":" + problem);
            }
        }, null);
        return new Seen(lines, bad);
    }

    @Test
    void parsesCommonAndCombinedLinesWithZonesEscapesAndCrlf() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, String.join("\n",
                "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326",
                "::1 - - [01/Jan/2026:02:00:00 +0200] \"POST /api/x?q=\\\"a\\\" HTTP/1.1\" 404 - \"http://r/\" \"Mozilla/5.0 (X11) \\\"q\\\"\"\r",
                "",
                "10.0.0.9 - - [01/Jan/2026:00:00:00 +0000] \"-\" 400 0 \"-\" \"-\"",
                "10.0.0.9 - - [01/Jan/2026:00:00:01 +0000] \"\\x16\\x03\\x01\" 400 157",
                "garbage",
                "10.0.0.9 - - [31/Feb/2026:00:00:01 +0000] \"GET / HTTP/1.1\" 200 1",
                "10.0.0.9 - - [01/Jan/2026:00:00:01] \"GET / HTTP/1.1\" 200 1",
                "10.0.0.9 - - [01/Jan/2026:00:00:02 +0000] \"GET / HTTP/1.1\" 2000 1",
                "10.0.0.9 - - [01/Jan/2026:00:00:03 +0000] \"GET /last HTTP/1.1\" - -") + "\n");
        Seen s = scan(f);
        assertThat(s.lines()).containsExactly(
                "1|127.0.0.1|frank|971211336|/apache_pb.gif|200|null",
                "2|::1|-|1767225600|/api/x?q=\\\"a\\\"|404|Mozilla/5.0 (X11) \\\"q\\\"",
                "4|10.0.0.9|-|1767225600||400|-",
                "5|10.0.0.9|-|1767225601||400|null",
                "10|10.0.0.9|-|1767225603|/last|-1|null");
        assertThat(s.bad()).containsExactly("6:FORMAT", "7:TIMESTAMP", "8:TIMESTAMP", "9:FORMAT");
    }

    @Test
    void readsGzipAndReportsOverlongLinesOnceWithoutBufferingThem() throws Exception {
        Path f = dir.resolve("a.log.gz");
        String good = TestLogs.at("10.1.1.1", 5);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write((good + "\n" + "x".repeat(300_000) + "\n" + good).getBytes(StandardCharsets.UTF_8));
        }
        Seen s = scan(f);
        assertThat(s.lines()).hasSize(2).allMatch(l -> l.contains("|10.1.1.1|-|" + (TestLogs.T0 + 5) + "|/|200|curl/8"));
        assertThat(s.lines().get(1)).startsWith("3|");
        assertThat(s.bad()).containsExactly("2:TOO_LONG");
    }

    @Test
    void pathPrefixTakesTheFirstSegmentsWithoutTheQuery() throws Exception {
        Path f = TestLogs.write(dir.resolve("p.log"), List.of(
                TestLogs.line("1.1.1.1", "-", 0, "/api/v1/users?id=3", 200, "a"),
                TestLogs.line("1.1.1.1", "-", 0, "/?x", 200, "a"),
                TestLogs.line("1.1.1.1", "-", 0, "/static", 200, "a")));
        List<String> prefixes = new ArrayList<>();
        new LogScanner().scan(f, new LogScanner.Sink() {
            @Override
            public void line(LogLine l) {
                prefixes.add(l.pathPrefix(1) + " " + l.pathPrefix(2));
            }

            @Override
            public void bad(long lineNumber, LogScanner.Problem problem) {
                throw new AssertionError(problem);
            }
        }, null);
        assertThat(prefixes).containsExactly("/api /api/v1", "/ /", "/static /static");
    }
}
