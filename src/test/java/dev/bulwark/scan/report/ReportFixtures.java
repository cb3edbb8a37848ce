package dev.bulwark.scan.report;

import dev.bulwark.scan.VulnerabilityScanner;
import dev.bulwark.scan.backend.BackendResult;
import dev.bulwark.scan.backend.OfflineOsvBackend;
import dev.bulwark.scan.backend.VulnerabilityBackend;
import dev.bulwark.scan.match.Advisory;
import dev.bulwark.scan.match.AdvisoryHit;
import dev.bulwark.scan.match.AffectedEvaluator;
import dev.bulwark.scan.match.FindingGrouper;
import dev.bulwark.scan.match.FixAdvisor;
import dev.bulwark.scan.match.SeverityScorer;
import dev.bulwark.scan.match.VersionOrder;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.model.UnpinnedRequirement;
import dev.bulwark.scan.osv.DatabaseStatusReader;
import dev.bulwark.scan.osv.OsvFixtures;
import dev.bulwark.scan.osv.OsvSeverity;
import dev.bulwark.scan.osv.OsvStore;
import dev.bulwark.scan.policy.IgnorePolicy;
import dev.bulwark.scan.policy.IgnoreRule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** A realistic report: the engine over the committed OSV subset plus one advisory full of hostile text. */
final class ReportFixtures {
    static final String HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)> =HYPERLINK(\"http://evil\") | `rm` \u001b[31m";

    private ReportFixtures() {
    }

    static ScanReport sample(Path tmp) throws Exception {
        Instant now = Instant.parse("2026-11-02T00:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        OsvStore store = OsvFixtures.store(tmp.resolve("db"));
        OsvFixtures.importer(store, clock).importDumps(List.of(OsvFixtures.allRecordsZip(tmp)));
        AffectedEvaluator evaluator = new AffectedEvaluator(new VersionOrder());
        FixAdvisor fixes = new FixAdvisor(evaluator);
        Path req = Path.of("app dir", "requirements.txt");
        PackageRef evil = new PackageRef(Ecosystem.NPM, "evil-pkg", "1.0.0", Path.of("package-lock.json"), 0,
                Relationship.TRANSITIVE, true);
        VulnerabilityBackend hostile = new VulnerabilityBackend() {
            @Override
            public String name() {
                return "recorded";
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.empty();
            }

            @Override
            public BackendResult query(List<PackageRef> packages) {
                Advisory a = new Advisory("GHSA-evil-evil-evil", List.of("CVE-2099-0001"), HOSTILE, HOSTILE,
                        List.of(new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")), null,
                        List.of("1.0.1"), null, List.of("javascript:alert(1)", "https://example.invalid/a?b=<c>"),
                        List.of());
                return new BackendResult(List.of(new AdvisoryHit(evil, a, "recorded")), List.of());
            }
        };
        VulnerabilityScanner scanner = new VulnerabilityScanner(List.of(new OfflineOsvBackend(store, evaluator), hostile),
                new FindingGrouper(new SeverityScorer(), fixes), fixes,
                new IgnorePolicy(List.of(new IgnoreRule("PYSEC-2019-217", "template input is trusted", null)), clock),
                new DatabaseStatusReader(store, clock, Duration.ofDays(7)), clock);
        return scanner.scan(new VulnerabilityScanner.Request(List.of("app dir"), List.of(
                new PackageRef(Ecosystem.PYPI, "requests", "2.19.0", req, 4, Relationship.DIRECT, false),
                new PackageRef(Ecosystem.PYPI, "jinja2", "2.10", req, 5, Relationship.DIRECT, false),
                new PackageRef(Ecosystem.PYPI, "py", "1.11.0", req, 6, Relationship.TRANSITIVE, false),
                new PackageRef(Ecosystem.CRATES_IO, "libusb", "0.3.0", Path.of("Cargo.lock"), 10, Relationship.UNKNOWN, false),
                new PackageRef(Ecosystem.GO, "golang.org/x/net", "v0.0.0-20220601000000-aaaaaaaaaaaa", Path.of("go.mod"), 7,
                        Relationship.DIRECT, false),
                evil),
                List.of(new UnpinnedRequirement(Ecosystem.PYPI, "flask", ">=2", req, 9)),
                List.of(new ScanError(Path.of("broken/package-lock.json"), 0, "package-lock.json", "truncated JSON " + HOSTILE))));
    }
}
