package dev.bulwark.scan.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.OsvAffected;
import dev.bulwark.scan.osv.OsvEvent;
import dev.bulwark.scan.osv.OsvEvent.Kind;
import dev.bulwark.scan.osv.OsvRange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RubyGems versions: versatile-core 0.18.1 has no RubyGems scheme, so Maven's rules order them where they agree
 * with RubyGems, and every other gem version is reported as unorderable rather than ordered wrongly.
 */
class RubyGemsVersionOrderTest {
    private final VersionOrder order = new VersionOrder();

    @Test
    void numbersAndTheCommonPreReleaseTagsOrderAsRubyGemsDoes() throws Exception {
        assertThat(order.compare(Ecosystem.RUBYGEMS, "1.10", "1.9")).isPositive();
        assertThat(order.compare(Ecosystem.RUBYGEMS, "1.0.0.rc1", "1.0.0")).isNegative();
        assertThat(order.compare(Ecosystem.RUBYGEMS, "1.0.0.beta2", "1.0.0.rc1")).isNegative();
        assertThat(order.compare(Ecosystem.RUBYGEMS, "1.0.0.alpha", "1.0.0.beta")).isNegative();
        assertThat(order.compare(Ecosystem.RUBYGEMS, "2.0.0.a1", "2.0.0")).isNegative();
        assertThat(order.compare(Ecosystem.RUBYGEMS, "1.0", "1.0.0")).isZero();
        assertThat(order.compare(Ecosystem.RUBYGEMS, "7.0.8.1", "7.0.8")).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0.pre", "7.1.0.pre.2", "1.0.0.dev", "3.0.0.preview1", "1.0.final"})
    void otherPreReleaseTagsAreReportedNotOrderedAfterTheRelease(String version) {
        assertThatThrownBy(() -> order.parse(Ecosystem.RUBYGEMS, version))
                .isInstanceOf(UnparseableVersionException.class)
                .hasMessageContaining("RubyGems version \"" + version + "\"")
                .hasMessageContaining("cannot be ordered reliably").hasMessageContaining("no RubyGems scheme");
    }

    @Test
    void aDashIsReportedBecauseRubyGemsReadsItAsAPreRelease() {
        assertThatThrownBy(() -> order.parse(Ecosystem.RUBYGEMS, "1.0.0-1"))
                .isInstanceOf(UnparseableVersionException.class).hasMessageContaining("\"-\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "latest", "1..2", "v1.0", "1.0 beta", ">= 1.0"})
    void nonGemVersionsAreUnparseable(String version) {
        assertThatThrownBy(() -> order.parse(Ecosystem.RUBYGEMS, version))
                .isInstanceOf(UnparseableVersionException.class).hasMessageContaining("not a RubyGems version");
    }

    @Test
    void theEvaluatorReportsAnOddInstalledGemVersionAndNamesAnOddEvent() throws Exception {
        AffectedEvaluator evaluator = new AffectedEvaluator(order);
        OsvAffected affected = new OsvAffected(Ecosystem.RUBYGEMS, "rails", List.of(new OsvRange("ECOSYSTEM", List.of(
                new OsvEvent(Kind.INTRODUCED, "0"), new OsvEvent(Kind.FIXED, "7.1.0.pre")))), List.of(), null);

        assertThatThrownBy(() -> evaluator.evaluate(affected, "7.1.0.dev"))
                .isInstanceOf(UnparseableVersionException.class).hasMessageContaining("7.1.0.dev");
        Evaluation ev = evaluator.evaluate(affected, "7.0.8");
        assertThat(ev.problems()).singleElement().asString().contains("7.1.0.pre").contains("no RubyGems scheme");
    }
}
