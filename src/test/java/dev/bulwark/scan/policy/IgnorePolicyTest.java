package dev.bulwark.scan.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.match.SeverityAssessment;
import dev.bulwark.scan.model.Ecosystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnorePolicyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    static Finding finding(String id, Severity s, String... aliases) {
        return new Finding(Ecosystem.PYPI, "requests", "2.19.0", List.of(), id, List.of(aliases),
                new SeverityAssessment(s, null, null, null), "", List.of(), null, List.of("osv-offline"), null,
                List.of(), List.of(), null);
    }

    @Test
    void loadsValidEntriesAndNamesTheBadOnes() throws IOException {
        Path file = Files.writeString(tmp.resolve(".bulwark-ignore.yaml"), """
                ignore:
                  - id: GHSA-x84v-xcm2-53pg
                    reason: internal hosts only
                  - id: CVE-2020-1
                  - reason: no id here
                  - id: CVE-2020-2
                    reason: temporary
                    expires: 2026-11-30
                  - id: CVE-2020-3
                    reason: bad date
                    expires: next week
                """);

        IgnoreFile.Loaded loaded = new IgnoreFile().load(file);

        assertThat(loaded.rules()).extracting(IgnoreRule::id).containsExactly("GHSA-x84v-xcm2-53pg", "CVE-2020-2");
        assertThat(loaded.errors()).hasSize(3);
        assertThat(loaded.errors().get(0).message()).contains("entry 2").contains("CVE-2020-1").contains("reason");
        assertThat(loaded.errors().get(1).message()).contains("entry 3").contains("missing \"id\"");
        assertThat(loaded.errors().get(2).message()).contains("CVE-2020-3").contains("next week");
        assertThat(loaded.errors()).allSatisfy(e -> assertThat(e.file()).isEqualTo(file));
    }

    @Test
    void unreadableFileIsAnErrorNotAnException() throws IOException {
        Path file = Files.writeString(tmp.resolve("x.yaml"), "ignore: [ {id: : :");
        assertThat(new IgnoreFile().load(file).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("cannot read ignore file"));
    }

    @Test
    void anyAliasMatchesAndExpiredEntriesReactivateWithAWarning() {
        var policy = new IgnorePolicy(List.of(
                new IgnoreRule("ghsa-x84v-xcm2-53pg", "internal only", null),
                new IgnoreRule("CVE-2020-2", "was temporary", java.time.LocalDate.parse("2026-11-19"))), CLOCK);

        IgnorePolicy.Applied applied = policy.apply(List.of(
                finding("CVE-2018-18074", Severity.HIGH, "GHSA-x84v-xcm2-53pg", "PYSEC-2018-28"),
                finding("CVE-2020-2", Severity.CRITICAL)));

        assertThat(applied.findings().get(0).isIgnored()).isTrue();
        assertThat(applied.findings().get(0).ignore().reason()).isEqualTo("internal only");
        assertThat(applied.findings().get(1).isIgnored()).isFalse();
        assertThat(applied.warnings()).singleElement().asString().contains("CVE-2020-2").contains("expired");
    }

    @Test
    void entryValidThroughItsExpiryDay() {
        var policy = new IgnorePolicy(List.of(new IgnoreRule("CVE-1", "r", java.time.LocalDate.parse("2026-11-20"))),
                CLOCK);
        assertThat(policy.apply(List.of(finding("CVE-1", Severity.LOW))).findings().getFirst().isIgnored()).isTrue();
    }
}
