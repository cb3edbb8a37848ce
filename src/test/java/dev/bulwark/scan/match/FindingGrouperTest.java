package dev.bulwark.scan.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import dev.bulwark.scan.osv.OsvAffected;
import dev.bulwark.scan.osv.OsvEvent;
import dev.bulwark.scan.osv.OsvRange;
import dev.bulwark.scan.osv.OsvSeverity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingGrouperTest {
    private final AffectedEvaluator evaluator = new AffectedEvaluator(new VersionOrder());
    private final FindingGrouper grouper = new FindingGrouper(new SeverityScorer(), new FixAdvisor(evaluator));
    private final PackageRef requests = new PackageRef(Ecosystem.PYPI, "requests", "2.19.0",
            Path.of("requirements.txt"), 3, Relationship.DIRECT, false);

    private static Advisory adv(String id, List<String> aliases, List<OsvSeverity> sev, String dbSev, String fixed) {
        var affected = new OsvAffected(Ecosystem.PYPI, "requests", List.of(new OsvRange("ECOSYSTEM",
                List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"), new OsvEvent(OsvEvent.Kind.FIXED, fixed)))),
                List.of(), null);
        return new Advisory(id, aliases, "summary of " + id, "", sev, dbSev, List.of(fixed), null, List.of(),
                List.of(affected));
    }

    @Test
    void transitiveAliasesFoldIntoOneFindingWithACvePrimaryAndMaxSeverity() {
        // PYSEC ↔ CVE ↔ GHSA only via a chain: PYSEC names the CVE, GHSA names the CVE.
        var pysec = adv("PYSEC-2018-28", List.of("CVE-2018-18074"), List.of(), null, "2.20.0");
        var ghsa = adv("GHSA-x84v-xcm2-53pg", List.of("CVE-2018-18074"),
                List.of(new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N")), "HIGH", "2.20.0");
        var other = adv("PYSEC-2023-74", List.of("CVE-2023-32681"), List.of(), "MODERATE", "2.31.0");

        List<Finding> findings = grouper.group(List.of(
                new AdvisoryHit(requests, pysec, "osv-offline"),
                new AdvisoryHit(requests, ghsa, "osv.dev"),
                new AdvisoryHit(requests, other, "osv-offline")), Map.of());

        assertThat(findings).hasSize(2);
        Finding first = findings.getFirst();
        assertThat(first.id()).isEqualTo("CVE-2018-18074");
        assertThat(first.aliases()).containsExactly("GHSA-x84v-xcm2-53pg", "PYSEC-2018-28");
        assertThat(first.severity().rating()).isEqualTo(Severity.HIGH);
        assertThat(first.severity().score()).isEqualTo(7.5);
        assertThat(first.backends()).containsExactly("osv-offline", "osv.dev");
        assertThat(first.firstFixed()).isEqualTo("2.20.0");
        assertThat(first.locations()).singleElement().extracting(Location::line).isEqualTo(3);
        assertThat(findings.get(1).id()).isEqualTo("CVE-2023-32681");
        assertThat(findings.get(1).severity().rating()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void withoutCveTheGhsaIsPrimaryElseTheSmallestId() {
        var a = adv("PYSEC-2020-2", List.of("GHSA-aaaa-bbbb-cccc"), List.of(), null, "3.0");
        var b = adv("PYSEC-2020-10", List.of("OSV-2020-9"), List.of(), null, "3.0");
        List<Finding> f = grouper.group(List.of(new AdvisoryHit(requests, a, "x"), new AdvisoryHit(requests, b, "x")),
                Map.of());
        assertThat(f).extracting(Finding::id).containsExactlyInAnyOrder("GHSA-aaaa-bbbb-cccc", "OSV-2020-9");
    }

    @Test
    void theSameIdsOnDifferentVersionsStaySeparate() {
        var a = adv("PYSEC-2018-28", List.of("CVE-2018-18074"), List.of(), null, "2.20.0");
        PackageRef older = new PackageRef(Ecosystem.PYPI, "requests", "2.0.0", Path.of("b.txt"), 1,
                Relationship.DIRECT, false);
        List<Finding> f = grouper.group(List.of(new AdvisoryHit(requests, a, "x"), new AdvisoryHit(older, a, "x")),
                Map.of());
        assertThat(f).hasSize(2);
    }
}
