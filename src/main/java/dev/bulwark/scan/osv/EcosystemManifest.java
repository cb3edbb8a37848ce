package dev.bulwark.scan.osv;

import java.time.Instant;
import java.util.List;

/**
 * What one import of an ecosystem holds; written next to its index as {@code manifest.json}.
 *
 * @param ecosystem         OSV ecosystem name
 * @param sources           the dumps or URLs it was built from
 * @param importedAt        when the import finished
 * @param records           usable records stored
 * @param packages          distinct package names
 * @param withdrawn         withdrawn records skipped
 * @param malformed         malformed records skipped
 * @param malformedExamples up to {@link OsvImporter#MAX_EXAMPLES} "entry: reason" strings
 * @param informational     records whose affected entries are informational only (RustSec)
 */
public record EcosystemManifest(String ecosystem, List<String> sources, Instant importedAt, int records,
                                int packages, int withdrawn, int malformed, List<String> malformedExamples,
                                int informational) {
    public EcosystemManifest {
        sources = List.copyOf(sources);
        malformedExamples = List.copyOf(malformedExamples);
    }
}
