package dev.bulwark.scan.match;

import dev.bulwark.scan.model.Ecosystem;
import java.util.List;

/**
 * The smallest upgrade of one package that fixes all its (non-informational) findings.
 *
 * @param ecosystem  ecosystem
 * @param name       package
 * @param version    installed version
 * @param upgradeTo  the version to upgrade to, or null when no single version fixes everything
 * @param findingIds the findings considered
 * @param unfixed    findings that no known version fixes (empty when {@code upgradeTo} is set)
 */
public record PackageFix(Ecosystem ecosystem, String name, String version, String upgradeTo, List<String> findingIds,
                         List<String> unfixed) {
    public PackageFix {
        findingIds = List.copyOf(findingIds);
        unfixed = List.copyOf(unfixed);
    }

    /** Plain words for tables: the version, or "no fix". */
    public String describe() {
        return upgradeTo != null ? upgradeTo : "no fix";
    }
}
