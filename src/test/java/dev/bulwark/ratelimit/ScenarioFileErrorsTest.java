package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testsupport.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, hole 10: scenario file errors say where, in the words the user wrote. */
class ScenarioFileErrorsTest {
    @TempDir
    Path dir;


    @Test
    void invalidUtf8NamesTheFileTheLineAndTheByte() throws Exception {
        Path f = dir.resolve("latin1.yaml");
        // "café" written in ISO-8859-1 in a comment on line 3
        Files.write(f, "name: x\nduration: 10s\n# caf\u00e9\nclients: []\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun r = CliRun.of("ratelimit", "simulate", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: " + f + ": not valid UTF-8 at line 3, column 6 (byte 0xE9 at"
                + " offset 27)");
    }

    @Test
    void limiterFieldsAreNamedAsWritten() throws Exception {
        Path f = dir.resolve("limits.yaml");
        Files.writeString(f, """
                name: fields
                duration: 2s
                clients:
                  - {name: u, traffic: {type: constant, rate: 5}}
                limiters:
                  - {name: ok, strategy: token-bucket, capacity: 10, rate: 10, period: 1s}
                  - {name: fixed, strategy: fixed-window, limit: -1, window: 1s}
                  - {name: g, strategy: gcra, burst: 0, rate: 10, period: 1s}
                  - {name: tb, strategy: token-bucket, capacity: 5, tokens: 0, period: 1s}
                  - {name: year, strategy: sliding-window, limit: 5, window: 400d}
                """);
        CliRun r = CliRun.of("ratelimit", "simulate", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains(
                "warning: limits.yaml: limiters[1].limit: must be at least 1, was -1 (limiter skipped)",
                "warning: limits.yaml: limiters[2].burst: must be at least 1, was 0 (limiter skipped)",
                "warning: limits.yaml: limiters[3].tokens: must be at least 1, was 0 (limiter skipped)",
                "warning: limits.yaml: limiters[4]: window must be at most 365 days, was PT9600H (limiter skipped)");
        assertThat(r.err().lines().filter(l -> l.contains("limiters[")))
                .noneMatch(l -> l.contains("capacity") || l.contains("period"));
    }
}
