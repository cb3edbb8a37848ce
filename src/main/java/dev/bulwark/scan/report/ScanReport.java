package dev.bulwark.scan.report;

import dev.bulwark.scan.backend.BackendStatus;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.PackageFix;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.model.UnpinnedRequirement;
import dev.bulwark.scan.osv.EcosystemStatus;
import java.time.Instant;
import java.util.List;

/**
 * Everything one scan produced; every report format renders this.
 *
 * @param generatedAt when the scan finished
 * @param durationMs  wall time of the scan
 * @param roots       what was scanned
 * @param findings    de-duplicated findings (ignored and informational ones included, marked)
 * @param fixes       per-package smallest upgrades
 * @param packages    every package checked
 * @param unpinned    requirements without an exact version: not checked
 * @param errors      problems that did not stop the scan
 * @param warnings    e.g. stale database, expired ignore entries
 * @param notes       what the parsers deliberately did not do (e.g. remote parent POMs not resolved)
 * @param database    per-ecosystem database state
 * @param backends    per-backend outcome
 * @param coverage    manifests found and read ({@link ScanCoverage#UNKNOWN} in reports saved before it was kept)
 */
public record ScanReport(Instant generatedAt, long durationMs, List<String> roots, List<Finding> findings,
                         List<PackageFix> fixes, List<PackageRef> packages, List<UnpinnedRequirement> unpinned,
                         List<ScanError> errors, List<String> warnings, List<String> notes, List<EcosystemStatus> database,
                         List<BackendStatus> backends, ScanCoverage coverage) {
    public ScanReport {
        roots = List.copyOf(roots);
        findings = List.copyOf(findings);
        fixes = List.copyOf(fixes);
        packages = List.copyOf(packages);
        unpinned = List.copyOf(unpinned);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
        database = List.copyOf(database);
        backends = List.copyOf(backends);
        coverage = coverage == null ? ScanCoverage.UNKNOWN : coverage;
    }

    /** The same report with another duration (e.g. including manifest parsing). */
    public ScanReport withDuration(long millis) {
        return new ScanReport(generatedAt, millis, roots, findings, fixes, packages, unpinned, errors, warnings, notes,
                database, backends, coverage);
    }

    /** The same report with other findings (e.g. one newly ignored). */
    public ScanReport withFindings(List<Finding> newFindings) {
        return new ScanReport(generatedAt, durationMs, roots, newFindings, fixes, packages, unpinned, errors, warnings,
                notes, database, backends, coverage);
    }

    /** True when no manifest could be read: nothing was checked (see {@link ScanCoverage#nothingRead()}). */
    public boolean nothingRead() {
        return coverage.nothingRead();
    }

    /**
     * True when this is the scan of an image (engine image, archive, OCI layout or root file system): its packages
     * carry an image origin, and its root names the image, not a folder. Ignores for it go to the per-user image
     * ignore file ({@link dev.bulwark.scan.policy.IgnoreFile#forImages}), not to a folder's.
     */
    public boolean ofImage() {
        return packages.stream().anyMatch(p -> p.origin() != null);
    }

    /** Vulnerabilities (not informational), ignored or not. */
    public List<Finding> vulnerabilities() {
        return findings.stream().filter(f -> !f.isInformational()).toList();
    }

    /** RustSec-style informational advisories (unmaintained, unsound, notice). */
    public List<Finding> informational() {
        return findings.stream().filter(Finding::isInformational).toList();
    }
}
