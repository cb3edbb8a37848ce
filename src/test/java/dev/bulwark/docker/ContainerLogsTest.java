package dev.bulwark.docker;

import dev.bulwark.testsupport.TestContainers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import dev.bulwark.docker.engine.LogChunk;
import dev.bulwark.docker.engine.LogRequest;
import dev.bulwark.docker.logs.LogBuffer;
import dev.bulwark.docker.logs.LogLine;
import dev.bulwark.docker.logs.LogReader;
import dev.bulwark.docker.logs.LogSanitizer;
import dev.bulwark.docker.logs.StyleSpan;
import dev.bulwark.testsupport.DockerEngineSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logs of real containers: tail, follow, streams apart, ANSI and binary bytes, long lines, bounded buffer. */
class ContainerLogsTest {
    /** Red ANSI text, a SOH control byte and an invalid UTF-8 byte on stdout; a plain line on stderr. */
    static final String CHATTY = "i=0; while :; do printf '\\033[31mred %d\\033[0m \\001\\377 end\\n' $i; "
            + "printf 'err %d\\n' $i >&2; i=$((i+1)); sleep 0.05; done";
    private static TestContainers containers;
    private static DockerEngine engine;
    private final LogReader reader = new LogReader(new LogSanitizer(1000));

    @BeforeAll
    static void start() {
        String host = DockerEngineSupport.dockerHost();
        containers = new TestContainers(host);
        containers.sh("chatty", List.of(), CHATTY);
        // a right-to-left override (UTF-8 E2 80 AE) and its pop, then a lone ESC before an ordinary letter
        containers.sh("bidi", List.of(), "printf 'user \\342\\200\\256gnp.exe\\342\\200\\254 \\033x done\\n'; sleep 3600");
        containers.sh("counted", List.of(), "head -c 100000 /dev/zero | tr '\\0' x; echo; "
                + "for i in $(seq 1 20); do echo line $i; done; sleep 3600");
        engine = EngineFactory.dockerJava().open(EngineSpec.of(host));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (containers != null) {
            containers.close();
        }
    }

    @Test
    void tailReturnsTheLastLinesAndHugeLinesAreRebuiltThenCut() throws Exception {
        var details = engine.inspect(containers.prefix + "counted");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<LogLine> lines = new ArrayList<>();
            reader.read(engine, details, new LogRequest(3, false, true), lines::add);
            assertThat(lines).extracting(LogLine::text).containsExactly("line 18", "line 19", "line 20");
            assertThat(lines).allSatisfy(l -> assertThat(l.timestamp()).isNotNull());
        });
        // The engine stores the 100 000-byte line as 16 KiB entries; they come back as one line, cut.
        List<LogLine> all = new ArrayList<>();
        new LogReader(new LogSanitizer(100_000)).read(engine, details, new LogRequest(-1, false, true), all::add);
        assertThat(all).hasSize(21);
        LogLine huge = all.getFirst();
        assertThat(huge.truncated()).isTrue();
        // 32 KiB kept (the first entry's timestamp prefix counts toward it), no prefix of a later entry inside.
        var m = java.util.regex.Pattern.compile("(x+) …\\[line cut: (\\d+) bytes more]").matcher(huge.text());
        assertThat(m.matches()).as(huge.text().substring(huge.text().length() - 60)).isTrue();
        assertThat(m.group(1).length()).isBetween(32 * 1024 - 40, 32 * 1024);
        assertThat(m.group(1).length() + Long.parseLong(m.group(2))).isBetween(100_000L, 100_040L);
    }

    /** Issue 11, hole 10: what a real container writes cannot reorder the line or swallow a character. */
    @Test
    void bidiOverridesAndLoneEscapesAreNeutralised() throws Exception {
        var details = engine.inspect(containers.prefix + "bidi");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<LogLine> lines = new ArrayList<>();
            reader.read(engine, details, new LogRequest(-1, false, false), lines::add);
            assertThat(lines).extracting(LogLine::text).containsExactly("user \uFFFDgnp.exe\uFFFD \u241Bx done");
        });
    }

    @Test
    void followSeparatesStreamsDecodesColoursAndNeutralisesBytes() throws Exception {
        var details = engine.inspect(containers.prefix + "chatty");
        LogBuffer buffer = new LogBuffer(50, 1_000_000);
        List<Exception> errors = new ArrayList<>();
        try (LogReader.Follow follow = reader.follow(engine, details, 10, buffer, l -> { }, errors::add)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> buffer.evicted() > 20);
            assertThat(buffer.size()).isEqualTo(50);
            List<LogLine> out = buffer.lines().stream().filter(l -> l.source() == LogChunk.Source.STDOUT).toList();
            List<LogLine> err = buffer.lines().stream().filter(l -> l.source() == LogChunk.Source.STDERR).toList();
            assertThat(out).isNotEmpty().allSatisfy(l -> {
                assertThat(l.text()).matches("red \\d+ \u2401\uFFFD end");
                assertThat(l.spans()).singleElement().satisfies(s -> {
                    assertThat(s.foreground()).isEqualTo(1);
                    assertThat(s.start()).isZero();
                    assertThat(l.text().substring(s.start(), s.end())).startsWith("red ");
                });
                assertThat(l.timestamp()).isNotNull();
            });
            assertThat(err).isNotEmpty().allSatisfy(l -> {
                assertThat(l.text()).matches("err \\d+");
                assertThat(l.spans()).isEmpty();
            });
            assertThat(follow.failure()).isNull();
        }
        assertThat(errors).isEmpty();
        assertThat(StyleSpan.DEFAULT).isNegative();
    }
}
