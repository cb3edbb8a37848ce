package dev.bulwark.ui.scan;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.SeverityAssessment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of one package version, for the grouped table.
 *
 * @param ecosystem OSV ecosystem name
 * @param name      package
 * @param version   installed version
 * @param findings  its findings, most severe first
 */
public record PackageGroup(String ecosystem, String name, String version, List<Finding> findings) {
    private static final Comparator<Finding> MOST_SEVERE_FIRST =
            Comparator.comparing(Finding::severity, SeverityAssessment.ORDER).reversed().thenComparing(Finding::id);

    public PackageGroup {
        findings = findings.stream().sorted(MOST_SEVERE_FIRST).toList();
    }

    /** The most severe assessment of the group (first finding). */
    public SeverityAssessment maxSeverity() {
        return findings.isEmpty() ? SeverityAssessment.unknown() : findings.getFirst().severity();
    }

    /** Groups findings by ecosystem, package and version; groups ordered most severe first, then by name. */
    public static List<PackageGroup> of(List<Finding> findings) {
        Map<List<String>, List<Finding>> byKey = new LinkedHashMap<>();
        for (Finding f : findings) {
            byKey.computeIfAbsent(List.of(f.ecosystem().osvName(), f.packageName(), f.version()),
                    k -> new ArrayList<>()).add(f);
        }
        return byKey.entrySet().stream()
                .map(e -> new PackageGroup(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue()))
                .sorted(Comparator.comparing(PackageGroup::maxSeverity, SeverityAssessment.ORDER).reversed()
                        .thenComparing(PackageGroup::name).thenComparing(PackageGroup::version))
                .toList();
    }
}
