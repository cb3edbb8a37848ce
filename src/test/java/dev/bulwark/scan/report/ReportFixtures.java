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
import dev.bulwark.scan.model.ImageOrigin;
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

    /** A layer digest and the history commands (legacy builder and BuildKit) of two image layers. */
    static final String LAYER = "sha256:4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1";
    static final String PIP_LAYER = "sha256:9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String PIP_CREATED_BY = "RUN /bin/sh -c pip install requests==2.19.0 # buildkit";
    static final String NPM_CREATED_BY = "/bin/sh -c npm install evil-pkg@1.0.0";

    static ScanReport sample(Path tmp) throws Exception {
        return scan(tmp, null);
    }

    /**
     * The same packages as found in a container image: each carries the layer that introduced it, one with
     * hostile text in its history command.
     */
    static ScanReport imageSample(Path tmp) throws Exception {
        return scan(tmp, new ImageOrigin[] {new ImageOrigin(PIP_LAYER, PIP_CREATED_BY, null),
                new ImageOrigin(LAYER, NPM_CREATED_BY + " " + HOSTILE, "evil-pkg-bin 1.0.0")});
    }

    /** @param origins null for manifests, else the origin of the Python packages and of the rest */
    private static ScanReport scan(Path tmp, ImageOrigin[] origins) throws Exception {
        Instant now = Instant.parse("2026-11-02T00:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        OsvStore store = OsvFixtures.store(tmp.resolve("db"));
        OsvFixtures.importer(store, clock).importDumps(List.of(OsvFixtures.allRecordsZip(tmp)));
        AffectedEvaluator evaluator = new AffectedEvaluator(new VersionOrder());
        FixAdvisor fixes = new FixAdvisor(evaluator);
        Path req = Path.of("app dir", "requirements.txt");
        PackageRef evil = in(origins, 1, new PackageRef(Ecosystem.NPM, "evil-pkg", "1.0.0",
                Path.of("package-lock.json"), 0, Relationship.TRANSITIVE, true));
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
                in(origins, 0, new PackageRef(Ecosystem.PYPI, "requests", "2.19.0", req, 4, Relationship.DIRECT, false)),
                in(origins, 0, new PackageRef(Ecosystem.PYPI, "jinja2", "2.10", req, 5, Relationship.DIRECT, false)),
                in(origins, 0, new PackageRef(Ecosystem.PYPI, "py", "1.11.0", req, 6, Relationship.TRANSITIVE, false)),
                in(origins, 1, new PackageRef(Ecosystem.CRATES_IO, "libusb", "0.3.0", Path.of("Cargo.lock"), 10,
                        Relationship.UNKNOWN, false)),
                in(origins, 1, new PackageRef(Ecosystem.GO, "golang.org/x/net", "v0.0.0-20220601000000-aaaaaaaaaaaa",
                        Path.of("go.mod"), 7, Relationship.DIRECT, false)),
                evil),
                List.of(new UnpinnedRequirement(Ecosystem.PYPI, "flask", ">=2", req, 9)),
                List.of(new ScanError(Path.of("broken/package-lock.json"), 0, "package-lock.json", "truncated JSON " + HOSTILE))));
    }

    private static PackageRef in(ImageOrigin[] origins, int which, PackageRef p) {
        return origins == null ? p : new PackageRef(p.ecosystem(), p.name(), p.version(), p.file(), p.line(),
                p.relationship(), p.dev(), p.release(), origins[which]);
    }
}
