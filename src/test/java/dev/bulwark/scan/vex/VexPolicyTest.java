package dev.bulwark.scan.vex;

import static dev.bulwark.scan.vex.VexFixtures.finding;
import static dev.bulwark.scan.vex.VexFixtures.openVex;
import static dev.bulwark.scan.vex.VexFixtures.statement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Ignore;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.ScanError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching rules and bad input, on small documents written here. */
class VexPolicyTest {
    @TempDir
    Path tmp;
    private final VexReader reader = new VexReader();

    private List<Finding> apply(List<Path> files, Finding... findings) {
        VexReader.Loaded loaded = reader.load(files);
        assertThat(loaded.errors()).isEmpty();
        return new VexPolicy(loaded.statements()).apply(List.of(findings)).findings();
    }

    private static final Finding REQUESTS = finding(Ecosystem.PYPI, "requests", "2.19.0", "PYSEC-2018-28",
            "CVE-2018-18074", "GHSA-x84v-xcm2-53pg");

    @Test
    void anAliasAndANormalisedPurlSuppressWithTheJustification() throws Exception {
        Path vex = openVex(tmp, "a.json", statement("CVE-2018-18074", "pkg:pypi/Requests@2.19.0?foo=bar",
                "not_affected", "\"justification\": \"vulnerable_code_not_in_execute_path\", "
                        + "\"impact_statement\": \"we never follow redirects\""));

        Finding f = apply(List.of(vex), REQUESTS).getFirst();

        assertThat(f.isIgnored()).isTrue();
        Ignore ig = f.ignore();
        assertThat(ig.isVex()).isTrue();
        assertThat(ig.matchedId()).isEqualTo("CVE-2018-18074");
        assertThat(ig.vex().status()).isEqualTo("not_affected");
        assertThat(ig.vex().justification()).isEqualTo("vulnerable_code_not_in_execute_path");
        assertThat(ig.vex().impactStatement()).isEqualTo("we never follow redirects");
        assertThat(ig.vex().document()).isEqualTo("https://example.com/vex/a.json");
        assertThat(ig.vex().source()).isEqualTo(vex.toString());
        assertThat(ig.vex().product()).isEqualTo("pkg:pypi/Requests@2.19.0?foo=bar");
        assertThat(ig.reason()).contains("not_affected", "vulnerable_code_not_in_execute_path",
                "we never follow redirects");
    }

    @Test
    void anotherVersionDoesNotMatchButAnUnversionedProductMatchesEveryVersion() throws Exception {
        Path versioned = openVex(tmp, "v.json", statement("CVE-2018-18074", "pkg:pypi/requests@2.20.0", "fixed", ""));
        Path any = openVex(tmp, "any.json", statement("CVE-2018-18074", "pkg:pypi/requests", "fixed", ""));

        assertThat(apply(List.of(versioned), REQUESTS).getFirst().isIgnored()).isFalse();
        assertThat(apply(List.of(any), REQUESTS).getFirst().ignore().vex().status()).isEqualTo("fixed");
    }

    @Test
    void anotherPackageOrVulnerabilityDoesNotMatch() throws Exception {
        Path vex = openVex(tmp, "o.json",
                statement("CVE-2018-18074", "pkg:pypi/urllib3@2.19.0", "not_affected", "\"impact_statement\": \"x\""),
                statement("CVE-2000-0001", "pkg:pypi/requests@2.19.0", "not_affected", "\"impact_statement\": \"x\""),
                statement("CVE-2018-18074", "pkg:npm/requests@2.19.0", "not_affected", "\"impact_statement\": \"x\""));

        assertThat(apply(List.of(vex), REQUESTS).getFirst().isIgnored()).isFalse();
    }

    @Test
    void theLatestStatementWinsAndAffectedOrUnderInvestigationDoNotSuppress() throws Exception {
        Path early = openVex(tmp, "early.json", statement("CVE-2018-18074", "pkg:pypi/requests@2.19.0",
                "not_affected", "\"justification\": \"component_not_present\", \"timestamp\": \"2024-01-01T00:00:00Z\""));
        Path late = openVex(tmp, "late.json", statement("GHSA-x84v-xcm2-53pg", "pkg:pypi/requests@2.19.0",
                "affected", "\"action_statement\": \"upgrade to 2.20.0\", \"timestamp\": \"2024-06-01T00:00:00Z\""));
        Path investigating = openVex(tmp, "inv.json", statement("CVE-2018-18074", "pkg:pypi/requests@2.19.0",
                "under_investigation", ""));

        VexReader.Loaded loaded = reader.load(List.of(late, early));
        VexPolicy.Applied a = new VexPolicy(loaded.statements()).apply(List.of(REQUESTS));
        assertThat(a.findings().getFirst().isIgnored()).isFalse();
        assertThat(a.notes()).singleElement().asString().contains("affected", "upgrade to 2.20.0", "late.json");

        assertThat(apply(List.of(early), REQUESTS).getFirst().isIgnored()).isTrue();
        assertThat(apply(List.of(investigating), REQUESTS).getFirst().isIgnored()).isFalse();
        // same time (inv.json inherits its document's 2024-01-01): the file given later wins the tie
        assertThat(apply(List.of(early, investigating), REQUESTS).getFirst().isIgnored()).isFalse();
        assertThat(apply(List.of(investigating, early), REQUESTS).getFirst().isIgnored()).isTrue();
    }

    @Test
    void anIgnoreFileEntryIsKeptOverAVexStatement() throws Exception {
        Path vex = openVex(tmp, "a.json", statement("CVE-2018-18074", "pkg:pypi/requests@2.19.0", "fixed", ""));
        Finding ignored = REQUESTS.withIgnore(new Ignore("PYSEC-2018-28", "accepted", null));

        Finding f = apply(List.of(vex), ignored).getFirst();

        assertThat(f.ignore().isVex()).isFalse();
        assertThat(f.ignore().reason()).isEqualTo("accepted");
    }

    @Test
    void goVersionsMatchWithOrWithoutTheVPrefixAndNamespacesSplitOnTheLastSlash() throws Exception {
        Finding go = finding(Ecosystem.GO, "golang.org/x/net", "v0.7.0", "GO-2023-1571", "CVE-2022-41723");
        Path vex = openVex(tmp, "go.json", statement("CVE-2022-41723", "pkg:golang/golang.org/x/net@0.7.0",
                "not_affected", "\"justification\": \"vulnerable_code_not_in_execute_path\""));

        assertThat(apply(List.of(vex), go).getFirst().isIgnored()).isTrue();
        assertThat(PurlKey.parse("pkg:pypi/Zope.Interface@5").orElseThrow().name()).isEqualTo("zope-interface");
        assertThat(PurlKey.parse("not a purl")).isEmpty();
    }

    @Test
    void legacyOpenVexWithAStringVulnerabilityAndStringProductsIsRead() throws Exception {
        Path legacy = Files.writeString(tmp.resolve("legacy.json"), """
                {"@context": "https://openvex.dev/ns", "@id": "legacy-1", "author": "a", "timestamp": "2023-01-01T00:00:00Z",
                 "statements": [{"vulnerability": "CVE-2018-18074", "products": ["pkg:pypi/requests@2.19.0"],
                                 "status": "not_affected", "justification": "component_not_present"}]}
                """);
        VexReader.Loaded loaded = reader.load(List.of(legacy));
        assertThat(loaded.warnings()).singleElement().asString().contains("predates the v0.2.0 schema");
        assertThat(new VexPolicy(loaded.statements()).apply(List.of(REQUESTS)).findings().getFirst().isIgnored())
                .isTrue();
    }

    /** A CycloneDX 1.4 XML VEX: requests 2.19.0 resolved, with {@code doctype} before the root and {@code detail}. */
    private Path cycloneDxXml(String name, String doctype, String detail) throws Exception {
        return Files.writeString(tmp.resolve(name), """
                <?xml version="1.0" encoding="UTF-8"?>
                %s
                <bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1">
                  <components>
                    <component type="library" bom-ref="req"><name>requests</name><version>2.19.0</version>
                      <purl>pkg:pypi/requests@2.19.0</purl></component>
                  </components>
                  <vulnerabilities>
                    <vulnerability>
                      <id>CVE-2018-18074</id>
                      <analysis><state>resolved</state><detail>%s</detail></analysis>
                      <affects><target><ref>req</ref></target></affects>
                    </vulnerability>
                  </vulnerabilities>
                </bom>
                """.formatted(doctype, detail));
    }

    @Test
    void cycloneDxXmlIsValidatedAndRead() throws Exception {
        Path xml = cycloneDxXml("vex.cdx.xml", "", "patched in our fork");
        Finding f = apply(List.of(xml), REQUESTS).getFirst();
        assertThat(f.ignore().vex().status()).isEqualTo("fixed");
        assertThat(f.ignore().vex().format()).isEqualTo("CycloneDX");
        assertThat(f.ignore().vex().impactStatement()).isEqualTo("patched in our fork");
    }

    @Test
    void anXmlExternalEntityIsNeverResolved() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-VALUE");
        Path xml = cycloneDxXml("xxe.cdx.xml", "<!DOCTYPE bom [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>",
                "&leak;");

        VexReader.Loaded loaded = reader.load(List.of(xml));

        // the schema validation refuses the external entity: the file is rejected, nothing read from it
        assertThat(loaded.statements()).isEmpty();
        assertThat(loaded.errors()).singleElement().asString().contains("not valid CycloneDX 1.4")
                .doesNotContain("TOP-SECRET-VALUE");
    }

    @Test
    void badFilesAreOneLineErrorsNamingFileAndPointerAndTheOthersStillApply() throws Exception {
        Path badStatus = openVex(tmp, "status.json", statement("CVE-2018-18074", "pkg:pypi/requests@2.19.0",
                "maybe", ""));
        Path noJustification = openVex(tmp, "nojust.json", statement("CVE-2018-18074", "pkg:pypi/requests@2.19.0",
                "not_affected", ""));
        Path notJson = Files.writeString(tmp.resolve("broken.json"), "{\"statements\": [\n  {\"status\": }");
        Path badCdx = Files.writeString(tmp.resolve("cdx.json"), """
                {"bomFormat": "CycloneDX", "specVersion": "1.4", "version": 1,
                 "vulnerabilities": [{"id": "CVE-2018-18074", "analysis": {"state": "nope"}}]}
                """);
        Path missing = tmp.resolve("missing.json");
        Path good = openVex(tmp, "good.json", statement("CVE-2018-18074", "pkg:pypi/requests@2.19.0", "fixed", ""));

        VexReader.Loaded loaded = reader.load(List.of(badStatus, noJustification, notJson, badCdx, missing, good));

        assertThat(loaded.errors()).extracting(ScanError::file).containsExactly(badStatus, noJustification, notJson,
                badCdx, missing);
        assertThat(loaded.errors()).allSatisfy(e -> assertThat(e.toString()).doesNotContain("\n"));
        assertThat(loaded.errors().get(0).message()).contains("/statements/0/status");
        assertThat(loaded.errors().get(1).message()).contains("/statements/0");
        assertThat(loaded.errors().get(2).message()).contains("not JSON", "line 2");
        assertThat(loaded.errors().get(3).message()).contains("/vulnerabilities/0/analysis/state");
        assertThat(loaded.errors().get(4).message()).contains("cannot read");
        assertThat(loaded.files()).containsExactly(good);
        assertThat(VexReader.oneLine("a\u001b[31mb\u202Ec\nd")).isEqualTo("a?[31mb?c d");
        assertThat(new VexPolicy(loaded.statements()).apply(List.of(REQUESTS)).findings().getFirst().isIgnored())
                .isTrue();
    }
}
