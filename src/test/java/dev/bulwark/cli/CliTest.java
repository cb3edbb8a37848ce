package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
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

    @Test
    void helpListsEveryCommand() {
        Set<String> all = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).getSubcommands().keySet();
        assertThat(all).containsExactlyElementsOf(Cli.COMMANDS);
        assertThat(run("--help")).isZero();
        for (String command : all) {
            assertThat(out.toString()).containsPattern("(?m)^\\s+" + command + "\\s+\\S");
        }
    }

    @Test
    void aCommandRunsWithOnlyItsOwnModelBuilt() {
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        for (String command : Cli.create(o, e).getSubcommands().keySet()) {
            assertThat(Cli.create(o, e, command, "--help").getSubcommands()).containsOnlyKeys(command);
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).startsWith("Usage: bulwark " + command + " ");
        }
        // Its own subcommands stay complete.
        assertThat(Cli.create(o, e, "db", "status").getSubcommands().get("db").getSubcommands())
                .containsOnlyKeys("import", "update", "status");
        assertThat(Cli.create(o, e, "--version").getSubcommands()).isEmpty();
    }

    @Test
    void aMistypedCommandIsAnsweredWithSuggestions() {
        assertThat(run("scna", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument").contains("Did you mean").contains("scan");
    }
}
