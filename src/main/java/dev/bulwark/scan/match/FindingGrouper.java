package dev.bulwark.scan.match;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.model.PackageRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * De-duplicates hits: for one package@version, advisories whose ids and aliases connect transitively
 * (PYSEC-x ↔ CVE-y ↔ GHSA-z) become one {@link Finding} (union-find over ids).
 */
public final class FindingGrouper {
    private final SeverityScorer scorer;
    private final FixAdvisor fixes;

    public FindingGrouper(SeverityScorer scorer, FixAdvisor fixes) {
        this.scorer = scorer;
        this.fixes = fixes;
    }

    /** Key of a package version across files. */
    public record PackageKey(Ecosystem ecosystem, String name, String version) {
        public static PackageKey of(PackageRef p) {
            return new PackageKey(p.ecosystem(), p.name(), p.version());
        }
    }

    /**
     * Groups {@code hits}; {@code occurrences} gives every declaration of each package version so a finding
     * lists all its locations.
     */
    public List<Finding> group(List<AdvisoryHit> hits, Map<PackageKey, List<PackageRef>> occurrences) {
        Map<PackageKey, List<AdvisoryHit>> byPackage = new LinkedHashMap<>();
        for (AdvisoryHit h : hits) {
            byPackage.computeIfAbsent(PackageKey.of(h.pkg()), k -> new ArrayList<>()).add(h);
        }
        List<Finding> out = new ArrayList<>();
        byPackage.forEach((key, list) -> out.addAll(groupOne(key, list, occurrences.getOrDefault(key, List.of()))));
        out.sort(Comparator.comparing((Finding f) -> f.severity().rating()).reversed()
                .thenComparing(f -> f.ecosystem().osvName()).thenComparing(Finding::packageName)
                .thenComparing(Finding::version).thenComparing(Finding::id));
        return out;
    }

    private List<Finding> groupOne(PackageKey key, List<AdvisoryHit> hits, List<PackageRef> refs) {
        UnionFind uf = new UnionFind();
        for (AdvisoryHit h : hits) {
            h.advisory().allIds().forEach(id -> uf.union(h.advisory().id(), id));
        }
        Map<String, List<AdvisoryHit>> components = new LinkedHashMap<>();
        for (AdvisoryHit h : hits) {
            components.computeIfAbsent(uf.find(h.advisory().id()), k -> new ArrayList<>()).add(h);
        }
        List<Location> locations = refs.isEmpty() ? List.of(Location.of(hits.getFirst().pkg()))
                : refs.stream().map(Location::of).distinct().toList();
        List<Finding> out = new ArrayList<>();
        for (List<AdvisoryHit> component : components.values()) {
            out.add(toFinding(key, component, locations));
        }
        return out;
    }

    private Finding toFinding(PackageKey key, List<AdvisoryHit> component, List<Location> locations) {
        Map<String, Advisory> advisories = new LinkedHashMap<>();
        Set<String> backends = new TreeSet<>();
        Set<String> ids = new TreeSet<>();
        for (AdvisoryHit h : component) {
            advisories.merge(h.advisory().id(), h.advisory(), FindingGrouper::richer);
            backends.add(h.backend());
            h.advisory().allIds().forEach(ids::add);
        }
        String primary = primaryId(ids);
        List<String> aliases = ids.stream().filter(i -> !i.equals(primary)).toList();
        SeverityAssessment severity = advisories.values().stream()
                .map(a -> scorer.assess(a.id(), a.severity(), a.databaseSeverity()))
                .max(SeverityAssessment.ORDER).orElse(SeverityAssessment.unknown());
        List<Advisory> list = List.copyOf(advisories.values());
        String summary = list.stream().sorted(Comparator.comparingInt(a -> idRank(a.id())))
                .map(Advisory::summary).filter(s -> s != null && !s.isBlank()).findFirst()
                .orElseGet(() -> list.stream().map(Advisory::details).filter(d -> d != null && !d.isBlank())
                        .map(FindingGrouper::firstLine).findFirst().orElse(""));
        boolean allInformational = list.stream().allMatch(a -> a.informational() != null);
        Set<String> refs = new LinkedHashSet<>();
        list.forEach(a -> refs.addAll(a.references()));
        return new Finding(key.ecosystem(), key.name(), key.version(), locations, primary, aliases, severity, summary,
                fixes.sortedFixedVersions(key.ecosystem(), key.version(), list),
                fixes.smallestFix(key.ecosystem(), key.version(), list), List.copyOf(backends),
                allInformational ? list.getFirst().informational() : null,
                refs.stream().limit(8).toList(), list, null);
    }

    /** CVE first, then GHSA, then anything; the smallest within a class. */
    static String primaryId(Set<String> sortedIds) {
        return sortedIds.stream().min(Comparator.comparingInt(FindingGrouper::idRank)
                .thenComparing(FindingGrouper::naturalIdOrder)).orElseThrow();
    }

    private static int idRank(String id) {
        return id.startsWith("CVE-") ? 0 : id.startsWith("GHSA-") ? 1 : 2;
    }

    /** CVE-2021-3711 sorts before CVE-2021-23840: numeric parts compare as numbers. */
    private static String naturalIdOrder(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            sb.append(part.chars().allMatch(Character::isDigit) && !part.isEmpty()
                    ? "%012d".formatted(Long.parseLong(part.length() > 12 ? part.substring(0, 12) : part)) : part)
                    .append('-');
        }
        return sb.toString();
    }

    /** Two backends reporting the same id: keep the one with more data. */
    private static Advisory richer(Advisory a, Advisory b) {
        int sa = a.affected().size() * 4 + a.severity().size() * 2 + (a.summary().isBlank() ? 0 : 1);
        int sb = b.affected().size() * 4 + b.severity().size() * 2 + (b.summary().isBlank() ? 0 : 1);
        return sb > sa ? b : a;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static final class UnionFind {
        private final Map<String, String> parent = new HashMap<>();

        String find(String x) {
            String p = parent.computeIfAbsent(x, k -> k);
            if (!p.equals(x)) {
                p = find(p);
                parent.put(x, p);
            }
            return p;
        }

        void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (!ra.equals(rb)) {
                parent.put(ra, rb);
            }
        }
    }
}
