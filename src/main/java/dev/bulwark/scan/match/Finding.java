package dev.bulwark.scan.match;

import dev.bulwark.scan.model.Ecosystem;
import java.util.List;
import java.util.stream.Stream;

/**
 * One de-duplicated vulnerability of one package version: every advisory whose ids or aliases link
 * (transitively) is folded in.
 *
 * @param ecosystem     the ecosystem
 * @param packageName   normalised package name
 * @param version       installed version
 * @param locations     every manifest place the package@version was declared
 * @param id            primary id: a CVE, else a GHSA, else the smallest id
 * @param aliases       every other id of the group, sorted
 * @param severity      the group's maximum severity
 * @param summary       best available one-line summary
 * @param fixedVersions all fixed versions above the installed one, ascending
 * @param firstFixed    the smallest version that clears every advisory of the group, or null
 * @param backends      which backends reported it
 * @param informational RustSec informational kind when every advisory is informational, else null
 * @param references    URLs
 * @param advisories    the advisories folded in
 * @param ignore        set when an ignore entry applies
 */
public record Finding(Ecosystem ecosystem, String packageName, String version, List<Location> locations, String id,
                      List<String> aliases, SeverityAssessment severity, String summary, List<String> fixedVersions,
                      String firstFixed, List<String> backends, String informational, List<String> references,
                      List<Advisory> advisories, Ignore ignore) {
    public Finding {
        locations = List.copyOf(locations);
        aliases = List.copyOf(aliases);
        fixedVersions = List.copyOf(fixedVersions);
        backends = List.copyOf(backends);
        references = List.copyOf(references);
        advisories = List.copyOf(advisories);
    }

    public boolean isIgnored() {
        return ignore != null;
    }

    public boolean isInformational() {
        return informational != null;
    }

    /** The primary id and all aliases. */
    public Stream<String> allIds() {
        return Stream.concat(Stream.of(id), aliases.stream());
    }

    /** The first declaration, for reports that show one place. */
    public Location primaryLocation() {
        return locations.isEmpty() ? new Location(null, 0, dev.bulwark.scan.model.Relationship.UNKNOWN, false)
                : locations.getFirst();
    }

    public Finding withIgnore(Ignore newIgnore) {
        return new Finding(ecosystem, packageName, version, locations, id, aliases, severity, summary, fixedVersions,
                firstFixed, backends, informational, references, advisories, newIgnore);
    }
}
