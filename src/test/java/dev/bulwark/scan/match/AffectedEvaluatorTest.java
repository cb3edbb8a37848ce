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
import org.junit.jupiter.params.provider.CsvSource;

class AffectedEvaluatorTest {
    private final AffectedEvaluator evaluator = new AffectedEvaluator(new VersionOrder());

    private static OsvAffected affected(Ecosystem eco, String type, List<String> versions, OsvEvent... events) {
        return new OsvAffected(eco, "pkg", List.of(new OsvRange(type, List.of(events))), versions, null);
    }

    private static OsvEvent e(Kind k, String v) {
        return new OsvEvent(k, v);
    }

    @ParameterizedTest(name = "PyPI {0} affected={1}")
    @CsvSource({"1.0, true", "2.19.1, true", "2.20.0, false", "2.20.0rc1, true", "3.0, false", "2.20.0.post1, false"})
    void introducedFixedUsesPep440(String version, boolean expected) throws Exception {
        var a = affected(Ecosystem.PYPI, "ECOSYSTEM", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "2.20.0"));
        assertThat(evaluator.evaluate(a, version).affected()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "last_affected {0} affected={1}")
    @CsvSource({"1.11.0, true", "1.10.0, true", "1.11.1, false"})
    void lastAffectedIsInclusive(String version, boolean expected) throws Exception {
        var a = affected(Ecosystem.PYPI, "ECOSYSTEM", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.LAST_AFFECTED, "1.11.0"));
        assertThat(evaluator.evaluate(a, version).affected()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "limit {0} affected={1}")
    @CsvSource({"1.5.0, true", "2.0.0, false", "2.5.0, false"})
    void limitCapsTheRange(String version, boolean expected) throws Exception {
        var a = affected(Ecosystem.NPM, "SEMVER", List.of(), e(Kind.INTRODUCED, "1.0.0"), e(Kind.LIMIT, "2.0.0"));
        assertThat(evaluator.evaluate(a, version).affected()).isEqualTo(expected);
    }

    @Test
    void severalIntroducedFixedPairsInOneRange() throws Exception {
        var a = affected(Ecosystem.NPM, "SEMVER", List.of(), e(Kind.INTRODUCED, "1.0.0"), e(Kind.FIXED, "1.2.0"),
                e(Kind.INTRODUCED, "2.0.0"), e(Kind.FIXED, "2.3.1"));
        assertThat(evaluator.evaluate(a, "1.1.0").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "1.5.0").affected()).isFalse();
        assertThat(evaluator.evaluate(a, "2.3.0").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "1.1.0").fixedAbove()).containsExactly("1.2.0", "2.3.1");
    }

    @Test
    void gitRangesNeverMatchPackageVersions() throws Exception {
        var a = affected(Ecosystem.PYPI, "GIT", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "c45d7c49"));
        assertThat(evaluator.evaluate(a, "1.0").affected()).isFalse();
    }

    @Test
    void explicitVersionsMatchEvenWithoutRanges() throws Exception {
        var a = new OsvAffected(Ecosystem.PYPI, "pkg", List.of(), List.of("1.0", "1.1"), null);
        assertThat(evaluator.evaluate(a, "1.1").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "1.1.0").affected()).as("PEP 440: 1.1 == 1.1.0").isTrue();
        assertThat(evaluator.evaluate(a, "1.2").affected()).isFalse();
    }

    @ParameterizedTest(name = "listed {0}, installed {1}: affected={2}")
    @CsvSource({"01.1, 1.1, true", "1.1, 01.1, true", "v1.1, 1.1.0, true", "0.9, 00.9, true", "0, 0.0, true",
            "10.1, 1.1, false", "01.1, 11.1, false"})
    void listedVersionsEqualDespiteLeadingZerosOrAV(String listed, String installed, boolean expected) throws Exception {
        var a = new OsvAffected(Ecosystem.PYPI, "pkg", List.of(), List.of(listed), null);
        assertThat(evaluator.evaluate(a, installed).affected()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Go {0} affected={1}")
    @CsvSource({
            "v0.0.0-20220524220425-1d687d428aca, true",
            "v0.0.0-20220601000000-aaaaaaaaaaaa, true",
            "v0.0.0-20220101000000-aaaaaaaaaaaa, false",
            "v0.1.1-0.20221104162952-702349b0e862, false",
            "v0.2.0, false"})
    void goPseudoVersionsOrderByTimestamp(String version, boolean expected) throws Exception {
        // GO-2023-1495 (x/net): introduced and fixed are both pseudo-versions; DB versions have no "v".
        var a = affected(Ecosystem.GO, "SEMVER", List.of(), e(Kind.INTRODUCED, "0.0.0-20220524220425-1d687d428aca"),
                e(Kind.FIXED, "0.1.1-0.20221104162952-702349b0e862"));
        assertThat(evaluator.evaluate(a, version).affected()).isEqualTo(expected);
    }

    @Test
    void goIncompatibleVersionsAreOrdered() throws Exception {
        var a = affected(Ecosystem.GO, "SEMVER", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "2.1.0+incompatible"));
        assertThat(evaluator.evaluate(a, "v2.0.0+incompatible").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "v2.2.0+incompatible").affected()).isFalse();
    }

    @Test
    void cargoBuildMetadataIsIgnoredWhenOrdering() throws Exception {
        var a = affected(Ecosystem.CRATES_IO, "SEMVER", List.of(), e(Kind.INTRODUCED, "0.0.0-0"), e(Kind.FIXED, "111.15.0"));
        assertThat(evaluator.evaluate(a, "111.12.0+1.1.1h").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "111.15.0+1.1.1k").affected()).isFalse();
    }

    @Test
    void mavenQualifiersOrderTheMavenWay() throws Exception {
        var a = affected(Ecosystem.MAVEN, "ECOSYSTEM", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "2.1.10.RELEASE"));
        assertThat(evaluator.evaluate(a, "2.1.9.RELEASE").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "2.1.18.RELEASE").affected()).isFalse();
    }

    @Test
    void rubyGemsPreReleasesSortBeforeTheRelease() throws Exception {
        var a = affected(Ecosystem.RUBYGEMS, "ECOSYSTEM", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "1.10.10"));
        assertThat(evaluator.evaluate(a, "1.10.10.rc1").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "1.10.5").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "1.10.10").affected()).isFalse();
    }

    @Test
    void anUnparseableInstalledVersionIsReportedNotGuessed() {
        var a = affected(Ecosystem.PYPI, "ECOSYSTEM", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "2.0"));
        assertThatThrownBy(() -> evaluator.evaluate(a, "not a version!"))
                .isInstanceOf(UnparseableVersionException.class).hasMessageContaining("not a version!");
    }

    @Test
    void anUnparseableEventIsSkippedAndNamed() throws Exception {
        var a = affected(Ecosystem.PYPI, "ECOSYSTEM", List.of(), e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "??"));
        Evaluation ev = evaluator.evaluate(a, "1.0");
        assertThat(ev.affected()).isTrue();
        assertThat(ev.problems()).singleElement().asString().contains("??");
    }

    @Test
    void listedVersionsWithLeadingZerosEqualTheirPlainSpelling() throws Exception {
        // PEP 440: 01.2 == 1.2 and 0.10 == 00.10; "0" stays a number of its own, not an empty one.
        var a = new OsvAffected(Ecosystem.PYPI, "pkg", List.of(), List.of("01.2", "00.10", "0"), null);
        assertThat(evaluator.evaluate(a, "1.2").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "0.10.0").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "0.0").affected()).isTrue();
        assertThat(evaluator.evaluate(a, "10.2").affected()).isFalse();
    }

    @Test
    void aPreparedEntryAnswersLikeAFreshEvaluationForEveryVersion() throws Exception {
        var a = new OsvAffected(Ecosystem.PYPI, "pkg", List.of(
                new OsvRange("ECOSYSTEM", List.of(e(Kind.INTRODUCED, "0"), e(Kind.FIXED, "1.5"), e(Kind.FIXED, "??"))),
                new OsvRange("ECOSYSTEM", List.of(e(Kind.INTRODUCED, "2.0"), e(Kind.LAST_AFFECTED, "2.3")))),
                List.of("3.0"), null);
        AffectedEvaluator.Prepared prepared = evaluator.prepare(a);
        for (String v : List.of("1.0", "1.5", "2.0", "2.3", "2.3.1", "3.0", "3.0.0", "4")) {
            Evaluation fresh = evaluator.evaluate(a, v);
            Evaluation reused = prepared.evaluate(v);
            assertThat(reused).as(v).isEqualTo(fresh);
            assertThat(reused.problems()).as(v).singleElement().asString().contains("??");
        }
        assertThat(prepared.evaluate("1.0").fixedAbove()).containsExactly("1.5");
        assertThat(prepared.evaluate("3.0.0").affected()).as("listed, spelled differently").isTrue();
        assertThat(prepared.evaluate("2.3.1").affected()).isFalse();
    }
}
