package dev.bulwark.scan.osv;

import java.time.Instant;
import java.util.List;

/**
 * The state of one ecosystem in the local database.
 *
 * @param ecosystem  OSV ecosystem name
 * @param records    usable records, 0 when never imported
 * @param sources    where the data came from
 * @param importedAt when, or null when never imported
 * @param ageDays    whole days since import, or -1
 * @param stale      older than the configured maximum age (or missing)
 * @param malformed  malformed records skipped at import
 * @param withdrawn  withdrawn records skipped at import
 */
public record EcosystemStatus(String ecosystem, int records, List<String> sources, Instant importedAt, long ageDays,
                              boolean stale, int malformed, int withdrawn) {
    public EcosystemStatus {
        sources = List.copyOf(sources);
    }

    public boolean present() {
        return importedAt != null;
    }
}
