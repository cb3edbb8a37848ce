package dev.bulwark.scan.backend;

import dev.bulwark.scan.match.AdvisoryHit;
import dev.bulwark.scan.match.AffectedEvaluator;
import dev.bulwark.scan.match.Advisory;
import dev.bulwark.scan.match.Evaluation;
import dev.bulwark.scan.match.UnparseableVersionException;
import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.scan.osv.EcosystemIndex;
import dev.bulwark.scan.osv.OsvAffected;
import dev.bulwark.scan.osv.OsvRecord;
import dev.bulwark.scan.osv.OsvStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The default backend: the local OSV index, no network. */
public final class OfflineOsvBackend implements VulnerabilityBackend {
    public static final String NAME = "osv-offline";

    private final OsvStore store;
    private final RecordMatcher matcher;

    public OfflineOsvBackend(OsvStore store, AffectedEvaluator evaluator) {
        this.store = store;
        this.matcher = new RecordMatcher(evaluator, NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public BackendResult query(List<PackageRef> packages) {
        List<AdvisoryHit> hits = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        Set<Ecosystem> missing = EnumSet.noneOf(Ecosystem.class);
        for (PackageRef p : packages) {
            Optional<EcosystemIndex> index = store.index(p.ecosystem());
            if (index.isEmpty()) {
                if (missing.add(p.ecosystem())) {
                    errors.add(new ScanError(null, 0, NAME, "no " + p.ecosystem() + " advisories in the local database "
                            + store.dir() + ": " + p.ecosystem() + " packages were not checked (run 'bulwark db import')"));
                }
                continue;
            }
            matcher.match(p, index.get().lookup(p.name()), hits, errors);
        }
        return new BackendResult(hits, errors);
    }

    /** Matches full OSV records against a package; shared by the backends that receive OSV records. */
    static final class RecordMatcher {
        private final AffectedEvaluator evaluator;
        private final String backend;

        RecordMatcher(AffectedEvaluator evaluator, String backend) {
            this.evaluator = evaluator;
            this.backend = backend;
        }

        void match(PackageRef p, List<OsvRecord> records, List<AdvisoryHit> hits, List<ScanError> errors) {
            for (OsvRecord r : records) {
                if (r.isWithdrawn()) {
                    continue;
                }
                List<OsvAffected> matching = new ArrayList<>();
                List<String> fixed = new ArrayList<>();
                for (OsvAffected a : r.affected()) {
                    if (!a.concerns(p)) {
                        continue;
                    }
                    try {
                        Evaluation e = evaluator.evaluate(a, p.version());
                        if (e.affected()) {
                            matching.add(a);
                            fixed.addAll(e.fixedAbove());
                        }
                    } catch (UnparseableVersionException ex) {
                        errors.add(new ScanError(p.file(), p.line(), backend, p.coordinates() + ": " + ex.getMessage()
                                + " — not checked against ranges"));
                        return;
                    }
                }
                if (!matching.isEmpty()) {
                    // All affected entries of this package are kept so upgrades are verified against each.
                    List<OsvAffected> forPackage = r.affected().stream()
                            .filter(a -> a.concerns(p)).toList();
                    Advisory adv = Advisory.fromOsv(r, forPackage, fixed.stream().distinct().toList());
                    hits.add(new AdvisoryHit(p, adv, backend));
                }
            }
        }
    }
}
