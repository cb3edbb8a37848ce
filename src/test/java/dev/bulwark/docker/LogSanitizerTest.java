package dev.bulwark.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.docker.engine.LogChunk;
import dev.bulwark.docker.engine.LogChunk.Source;
import dev.bulwark.docker.logs.LogBuffer;
import dev.bulwark.docker.logs.LogFilter;
import dev.bulwark.docker.logs.LogLine;
import dev.bulwark.docker.logs.LogLineAssembler;
import dev.bulwark.docker.logs.LogSanitizer;
import dev.bulwark.docker.logs.StyleSpan;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogSanitizerTest {
    private final LogSanitizer sanitizer = new LogSanitizer(64);

    private LogLine line(String s) {
        return sanitizer.sanitize(Source.STDOUT, s.getBytes(StandardCharsets.UTF_8), false, 0);
    }

    @Test
    void sgrColoursBecomeSpansAndVanishFromText() {
        LogLine l = line("ok \u001b[1;31mred bold\u001b[0m plain \u001b[38;5;208mamber\u001b[39m \u001b[48;2;1;2;3mrgb\u001b[m");
        assertThat(l.text()).isEqualTo("ok red bold plain amber rgb");
        assertThat(l.spans()).containsExactly(
                new StyleSpan(3, 11, 1, StyleSpan.DEFAULT, true, false, false),
                new StyleSpan(18, 23, 208, StyleSpan.DEFAULT, false, false, false),
                new StyleSpan(24, 27, StyleSpan.DEFAULT, StyleSpan.RGB_FLAG | 0x010203, false, false, false));
    }

    @Test
    void otherEscapesAreDroppedAndControlCharactersNeutralised() {
        LogLine l = line("a\u001b[2J\u001b[Hb\u001b]0;evil title\u0007c\u0001d\u007fe\u0085f\tg\r");
        assertThat(l.text()).isEqualTo("abc\u2401d\u2421e\uFFFDf\tg");
        assertThat(l.text()).doesNotContain("\u001b");
    }

    /** Issue 11, hole 10: bidi overrides and isolates are neutralised; a lone ESC keeps what follows it. */
    @Test
    void bidiControlsAreNeutralisedAndALoneEscapeKeepsTheNextCharacter() {
        assertThat(line("user \u202Egnp.exe\u202C ok \u2066x\u2069 \u202A\u202B\u202D\u2067\u2068").text())
                .isEqualTo("user \uFFFDgnp.exe\uFFFD ok \uFFFDx\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD");
        assertThat(line("a\u001bxb").text()).isEqualTo("a\u241Bxb");
        assertThat(line("a\u001b\u00e9").text()).isEqualTo("a\u241B\u00e9");
        assertThat(line("end\u001b").text()).isEqualTo("end\u241B");
        assertThat(line("a\u001b\u001b[31mred").text()).isEqualTo("a\u241Bred");
        // real sequences still go whole: a charset designation, a reset, a broken CSI up to its bad byte
        assertThat(line("\u001b(Bplain\u001b[m \u001bc!").text()).isEqualTo("plain !");
        assertThat(line("a\u001b[1\u00e9").text()).isEqualTo("a\u00e9");
    }

    @Test
    void invalidUtf8IsReplaced() {
        byte[] raw = {'o', 'k', (byte) 0xFF, (byte) 0xC3, ' ', (byte) 0xC3, (byte) 0xA9};
        assertThat(sanitizer.sanitize(Source.STDERR, raw, false, 0).text()).isEqualTo("ok\uFFFD\uFFFD é");
    }

    @Test
    void longLinesAreCutWithAMarker() {
        LogLine l = line("x".repeat(100));
        assertThat(l.truncated()).isTrue();
        assertThat(l.text()).startsWith("x".repeat(64)).endsWith("…[line cut: 36 chars more]");
        LogLine upstream = sanitizer.sanitize(Source.STDOUT, "short".getBytes(StandardCharsets.UTF_8), false, 5000);
        assertThat(upstream.text()).isEqualTo("short …[line cut: 5000 bytes more]");
    }

    @Test
    void timestampPrefixIsParsed() {
        LogLine l = sanitizer.sanitize(Source.STDOUT,
                "2026-11-25T00:01:02.123456789Z hello world".getBytes(StandardCharsets.UTF_8), true, 0);
        assertThat(l.timestamp()).isEqualTo(Instant.parse("2026-11-25T00:01:02.123456789Z"));
        assertThat(l.text()).isEqualTo("hello world");
    }

    @Test
    void assemblerJoinsSplitLinesPerStreamAndBoundsLineLength() {
        LogLineAssembler a = new LogLineAssembler(8, false);
        List<LogLineAssembler.RawLine> out = new ArrayList<>();
        a.accept(new LogChunk(Source.STDOUT, "hel".getBytes(StandardCharsets.UTF_8)), out::add);
        a.accept(new LogChunk(Source.STDERR, "e1\n".getBytes(StandardCharsets.UTF_8)), out::add);
        a.accept(new LogChunk(Source.STDOUT, "lo\nabcdefghijkl\ntail".getBytes(StandardCharsets.UTF_8)), out::add);
        a.flush(out::add);
        assertThat(out).extracting(r -> r.source() + ":" + new String(r.bytes(), StandardCharsets.UTF_8) + ":" + r.droppedBytes())
                .containsExactly("STDERR:e1:0", "STDOUT:hello:0", "STDOUT:abcdefgh:4", "STDOUT:tail:0");
    }

    @Test
    void continuationEntriesLoseTheirTimestampPrefix() {
        LogLineAssembler a = new LogLineAssembler(1000, true);
        List<LogLineAssembler.RawLine> out = new ArrayList<>();
        a.accept(new LogChunk(Source.STDOUT, "2026-11-25T00:00:01.5Z aaaa".getBytes(StandardCharsets.UTF_8)), out::add);
        a.accept(new LogChunk(Source.STDOUT, "2026-11-25T00:00:01.6Z bbbb\n".getBytes(StandardCharsets.UTF_8)), out::add);
        a.accept(new LogChunk(Source.STDOUT, "2026-11-25T00:00:02Z next\n".getBytes(StandardCharsets.UTF_8)), out::add);
        assertThat(out).extracting(r -> new String(r.bytes(), StandardCharsets.UTF_8))
                .containsExactly("2026-11-25T00:00:01.5Z aaaabbbb", "2026-11-25T00:00:02Z next");
    }

    @Test
    void bufferIsBoundedByLinesAndCharsAndSearches() {
        LogBuffer buffer = new LogBuffer(3, 1000);
        for (int i = 0; i < 5; i++) {
            buffer.append(new LogLine(null, i % 2 == 0 ? Source.STDOUT : Source.STDERR, "line " + i, List.of(), false));
        }
        assertThat(buffer.lines()).extracting(LogLine::text).containsExactly("line 2", "line 3", "line 4");
        assertThat(buffer.evicted()).isEqualTo(2);
        assertThat(buffer.search(new LogFilter("LINE", false, false, EnumSet.of(Source.STDERR))))
                .extracting(LogLine::text).containsExactly("line 3");
        assertThat(buffer.search(new LogFilter("line [24]", true, true, null))).hasSize(2);
        assertThatThrownBy(() -> new LogFilter("([", true, false, null).predicate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("([");

        LogBuffer small = new LogBuffer(1000, 50);
        for (int i = 0; i < 100; i++) {
            small.append(new LogLine(null, Source.STDOUT, "0123456789", List.of(), false));
        }
        assertThat(small.chars()).isLessThanOrEqualTo(50);
        assertThat(small.size()).isEqualTo(5);
    }
}
