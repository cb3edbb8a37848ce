package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: bulwark").contains("--version").contains("Exit codes");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("Bulwark ").doesNotContain("${project.version}").contains("Java ")
                .containsPattern("\nBuild [0-9a-f]{7,40}(\\+changes)?, \\d{4}-\\d\\d-\\d\\dT");
    }

    @Test
    void unknownCommandPrintsUsageOnStderrAndExitsTwo() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument").contains("frobnicate").contains("Usage: bulwark");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownOptionExitsTwo() {
        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option");
    }
}
