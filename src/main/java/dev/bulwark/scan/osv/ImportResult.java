package dev.bulwark.scan.osv;

import java.util.List;

/**
 * Outcome of one {@code db import}.
 *
 * @param imported  ecosystems swapped in, with their new manifests
 * @param refused   "source: reason" for every dump refused whole (their ecosystems were left untouched)
 * @param malformed "source!entry: reason" for each malformed record skipped
 */
public record ImportResult(List<EcosystemManifest> imported, List<String> refused, List<String> malformed) {
    public ImportResult {
        imported = List.copyOf(imported);
        refused = List.copyOf(refused);
        malformed = List.copyOf(malformed);
    }

    /** True when every source was accepted. */
    public boolean complete() {
        return refused.isEmpty();
    }
}
