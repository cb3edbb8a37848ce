package dev.bulwark.scan.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.OsvAffected;
import dev.bulwark.scan.osv.OsvEvent;
import dev.bulwark.scan.osv.OsvEvent.Kind;
import dev.bulwark.scan.osv.OsvRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixAdvisorTest {
    private final FixAdvisor advisor = new FixAdvisor(new AffectedEvaluator(new VersionOrder()));

    private static Advisory adv(String id, List<String> fixed, OsvEvent... events) {
        var a = new OsvAffected(Ecosystem.NPM, "p", List.of(new OsvRange("SEMVER", List.of(events))), List.of(), null);
        return new Advisory(id, List.of(), "", "", List.of(), null, fixed, null, List.of(), List.of(a));
    }

    @Test
    void picksTheSmallestVersionFixingEveryAdvisoryOfThePackage() {
        var a = adv("A", List.of("1.2.0", "2.3.1"), new OsvEvent(Kind.INTRODUCED, "1.0.0"), new OsvEvent(Kind.FIXED, "1.2.0"),
                new OsvEvent(Kind.INTRODUCED, "2.0.0"), new OsvEvent(Kind.FIXED, "2.3.1"));
        var b = adv("B", List.of("1.4.0"), new OsvEvent(Kind.INTRODUCED, "0"), new OsvEvent(Kind.FIXED, "1.4.0"));

        assertThat(advisor.smallestFix(Ecosystem.NPM, "1.1.0", List.of(a))).isEqualTo("1.2.0");
        // 1.2.0 still has B; 1.4.0 fixes both (A's first range ended at 1.2.0).
        assertThat(advisor.smallestFix(Ecosystem.NPM, "1.1.0", List.of(a, b))).isEqualTo("1.4.0");
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderOfTheAdvisories() {
        // The advisory that refused the last candidate is asked first; whichever order they come in, the smallest
        // version fixing all of them wins, and a candidate refused by a late advisory is not let through.
        var a = adv("A", List.of("1.1.0"), new OsvEvent(Kind.INTRODUCED, "0"), new OsvEvent(Kind.FIXED, "1.1.0"));
        var b = adv("B", List.of("1.3.0"), new OsvEvent(Kind.INTRODUCED, "0"), new OsvEvent(Kind.FIXED, "1.3.0"));
        var c = adv("C", List.of("1.2.0", "1.5.0"), new OsvEvent(Kind.INTRODUCED, "0"), new OsvEvent(Kind.FIXED, "1.2.0"),
                new OsvEvent(Kind.INTRODUCED, "1.3.0"), new OsvEvent(Kind.FIXED, "1.5.0"));
        var d = adv("D", List.of("1.4.0"), new OsvEvent(Kind.INTRODUCED, "0"), new OsvEvent(Kind.FIXED, "1.4.0"));
        List<List<Advisory>> orders = List.of(List.of(a, b, c, d), List.of(d, c, b, a), List.of(c, a, d, b),
                List.of(b, d, a, c));
        for (List<Advisory> order : orders) {
            assertThat(advisor.smallestFix(Ecosystem.NPM, "1.0.0", order)).as(order.toString()).isEqualTo("1.5.0");
        }
        assertThat(advisor.smallestFix(Ecosystem.NPM, "1.0.0", List.of(a, b))).isEqualTo("1.3.0");
        assertThat(advisor.smallestFix(Ecosystem.NPM, "1.0.0", List.of(c, a))).isEqualTo("1.2.0");
    }

    @Test
    void saysNoFixWhenAnAdvisoryHasNone() {
        var open = adv("OPEN", List.of(), new OsvEvent(Kind.INTRODUCED, "0"), new OsvEvent(Kind.LAST_AFFECTED, "9.9.9"));
        var b = adv("B", List.of("1.4.0"), new OsvEvent(Kind.INTRODUCED, "0"), new OsvEvent(Kind.FIXED, "1.4.0"));
        Finding fOpen = finding("OPEN", open, null);
        Finding fB = finding("B", b, "1.4.0");

        PackageFix fix = advisor.packageFix(Ecosystem.NPM, "p", "1.0.0", List.of(fOpen, fB));

        assertThat(fix.upgradeTo()).isNull();
        assertThat(fix.describe()).isEqualTo("no fix");
        assertThat(fix.unfixed()).containsExactly("OPEN");
    }

    @Test
    void withoutRangesTheFirstFixedVersionDecides() {
        var pipAudit = new Advisory("PYSEC-1", List.of(), "", "", List.of(), null, List.of("2.0"), null, List.of(), List.of());
        assertThat(new FixAdvisor(new AffectedEvaluator(new VersionOrder()))
                .smallestFix(Ecosystem.PYPI, "1.0", List.of(pipAudit))).isEqualTo("2.0");
    }

    private static Finding finding(String id, Advisory a, String firstFixed) {
        return new Finding(Ecosystem.NPM, "p", "1.0.0", List.of(), id, List.of(), SeverityAssessment.unknown(), "",
                a.fixedVersions(), firstFixed, List.of("x"), null, List.of(), List.of(a), null);
    }
}
