package dev.bulwark.scan.match;

import dev.bulwark.scan.model.Ecosystem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Works out fixing upgrades. A candidate is a fixed version some advisory names; it fixes an advisory when,
 * evaluated against that advisory's OSV ranges, it is no longer affected (or, with no ranges known, it is at
 * least the advisory's first fixed version). The smallest candidate that fixes everything wins.
 */
public final class FixAdvisor {
    private final AffectedEvaluator evaluator;

    public FixAdvisor(AffectedEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** The smallest candidate above {@code installed} that fixes all {@code advisories}, or null. */
    public String smallestFix(Ecosystem eco, String installed, Collection<Advisory> advisories) {
        // Each advisory's ranges parsed once, not once per candidate: a package like Go's stdlib has a hundred
        // advisories and dozens of candidates, and re-parsing them dominated the matching of an image.
        List<String> candidates = candidates(eco, installed, advisories);
        if (candidates.isEmpty()) {
            return null;
        }
        List<Advisory> list = List.copyOf(advisories);
        List<List<AffectedEvaluator.Prepared>> prepared = list.stream()
                .map(a -> a.affected().stream().map(evaluator::prepare).toList()).toList();
        // Candidates ascend, so the advisory that refused one most likely refuses the next too: ask it first, and
        // a refused candidate costs one evaluation instead of one per advisory it does fix. (Same answer: the
        // candidate must fix every advisory whatever the order they are asked in.)
        int refusing = 0;
        for (String candidate : candidates) {
            boolean all = fixes(eco, candidate, list.get(refusing), prepared.get(refusing));
            for (int i = 0; i < list.size() && all; i++) {
                if (i != refusing && !fixes(eco, candidate, list.get(i), prepared.get(i))) {
                    refusing = i;
                    all = false;
                }
            }
            if (all) {
                return candidate;
            }
        }
        return null;
    }

    /** Per package: the smallest upgrade fixing all non-informational findings. */
    public PackageFix packageFix(Ecosystem eco, String name, String installed, List<Finding> findings) {
        List<Finding> relevant = findings.stream().filter(f -> !f.isInformational()).toList();
        List<Advisory> all = relevant.stream().flatMap(f -> f.advisories().stream()).toList();
        List<String> ids = relevant.stream().map(Finding::id).toList();
        String fix = relevant.isEmpty() ? null : smallestFix(eco, installed, all);
        List<String> unfixed = fix != null ? List.of()
                : relevant.stream().filter(f -> f.firstFixed() == null).map(Finding::id).toList();
        return new PackageFix(eco, name, installed, fix, ids, unfixed);
    }

    /** All fixed versions above {@code installed}, ascending by the ecosystem's order. */
    public List<String> sortedFixedVersions(Ecosystem eco, String installed, Collection<Advisory> advisories) {
        return candidates(eco, installed, advisories);
    }

    private List<String> candidates(Ecosystem eco, String installed, Collection<Advisory> advisories) {
        Set<String> all = new LinkedHashSet<>();
        advisories.forEach(a -> all.addAll(a.fixedVersions()));
        List<String> out = new ArrayList<>(all);
        out.removeIf(v -> !above(eco, v, installed));
        out.sort((x, y) -> {
            try {
                return evaluator.order().compare(eco, x, y);
            } catch (UnparseableVersionException e) {
                return x.compareTo(y);
            }
        });
        return out;
    }

    private boolean above(Ecosystem eco, String v, String installed) {
        try {
            return evaluator.order().compare(eco, v, installed) > 0;
        } catch (UnparseableVersionException e) {
            return true; // keep it visible; whether it fixes is decided by fixes()
        }
    }

    private boolean fixes(Ecosystem eco, String candidate, Advisory a, List<AffectedEvaluator.Prepared> affectedOf) {
        if (!a.affected().isEmpty()) {
            try {
                for (AffectedEvaluator.Prepared affected : affectedOf) {
                    if (affected.evaluate(candidate).affected()) {
                        return false;
                    }
                }
                return true;
            } catch (UnparseableVersionException e) {
                return false;
            }
        }
        if (a.fixedVersions().isEmpty()) {
            return false;
        }
        try {
            String first = a.fixedVersions().getFirst();
            return evaluator.order().compare(eco, candidate, first) >= 0;
        } catch (UnparseableVersionException e) {
            return a.fixedVersions().contains(candidate);
        }
    }
}
