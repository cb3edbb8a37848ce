package dev.bulwark.scan.osv;

import java.util.List;

/**
 * Outcome of one {@code db import} (or of the import step of {@code db update}).
 *
 * @param ecosystems what was done to each ecosystem swapped in (merged into or replaced)
 * @param refused    "source: reason" for every dump refused whole, and "source: ECOSYSTEM not replaced: reason"
 *                   for an ecosystem a dump would have shrunk sharply; their data was left untouched
 * @param malformed  "source!entry: reason" for each malformed record skipped
 * @param dropped    "ID (source!entry)" for each record dropped because it names no package in an ecosystem Bulwark
 *                   supports ({@code affected} missing or empty, a package without ecosystem or name, nulls, or only
 *                   other ecosystems such as {@code Debian:12})
 */
public record ImportResult(List<EcosystemImport> ecosystems, List<String> refused, List<String> malformed,
                           List<String> dropped) {
    public ImportResult {
        ecosystems = List.copyOf(ecosystems);
        refused = List.copyOf(refused);
        malformed = List.copyOf(malformed);
        dropped = List.copyOf(dropped);
    }

    /** The new manifests of the ecosystems swapped in. */
    public List<EcosystemManifest> imported() {
        return ecosystems.stream().map(EcosystemImport::manifest).toList();
    }

    /** True when every source (and every ecosystem) was accepted. */
    public boolean complete() {
        return refused.isEmpty();
    }

    /** True when no ecosystem changed: every source refused, empty, or holding only unusable records. */
    public boolean nothingImported() {
        return ecosystems.isEmpty();
    }
}
