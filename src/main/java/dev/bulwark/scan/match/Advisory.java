package dev.bulwark.scan.match;

import dev.bulwark.scan.model.Ecosystem;
import dev.bulwark.scan.osv.OsvAffected;
import dev.bulwark.scan.osv.OsvRecord;
import dev.bulwark.scan.osv.OsvSeverity;
import java.util.List;
import java.util.stream.Stream;

/**
 * One advisory as a backend reported it against one package version.
 *
 * @param id               the advisory id
 * @param aliases          its aliases
 * @param summary          one line
 * @param details          longer text (may be empty)
 * @param severity         CVSS vectors
 * @param databaseSeverity a textual rating from the source database, or null
 * @param fixedVersions    fixed versions above the installed one, ascending, as the package manager writes them
 * @param informational    RustSec informational kind, or null for a vulnerability
 * @param references       URLs
 * @param affected         the OSV affected entries for this package, when known (used to verify upgrades)
 */
public record Advisory(String id, List<String> aliases, String summary, String details, List<OsvSeverity> severity,
                       String databaseSeverity, List<String> fixedVersions, String informational,
                       List<String> references, List<OsvAffected> affected) {
    public Advisory {
        summary = summary == null ? "" : summary;
        details = details == null ? "" : details;
        aliases = List.copyOf(aliases);
        severity = List.copyOf(severity);
        fixedVersions = List.copyOf(fixedVersions);
        references = List.copyOf(references);
        affected = List.copyOf(affected);
    }

    /** Builds an advisory from a full OSV record already evaluated against the installed version. */
    public static Advisory fromOsv(OsvRecord r, List<OsvAffected> matching, List<String> fixedAbove) {
        String info = matching.stream().allMatch(a -> a.informational() != null) && !matching.isEmpty()
                ? matching.getFirst().informational() : null;
        Ecosystem eco = matching.isEmpty() ? null : matching.getFirst().ecosystem();
        String name = matching.isEmpty() ? "" : matching.getFirst().name();
        List<String> fixed = fixedAbove.stream().map(v -> displayVersion(eco, name, v)).toList();
        return new Advisory(r.id(), r.aliases(), r.summary(), r.details(), r.severity(), r.databaseSeverity(),
                fixed, info, r.references(), matching);
    }

    /** Go module versions are written with a {@code v} prefix in go.mod; OSV stores them without. */
    public static String displayVersion(Ecosystem eco, String name, String version) {
        if (eco == Ecosystem.GO && !name.equals("stdlib") && !name.equals("toolchain") && !version.startsWith("v")) {
            return "v" + version;
        }
        return version;
    }

    /** The id and all aliases. */
    public Stream<String> allIds() {
        return Stream.concat(Stream.of(id), aliases.stream());
    }
}
