package dev.bulwark.scan.osv;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.stream.Stream;

/**
 * The parts of an OSV record that matching, de-duplication, severity and reports need. Stored in the
 * index in this form, so a scan never re-reads the original dump.
 *
 * @param id               the record id, e.g. {@code PYSEC-2018-28}
 * @param aliases          other ids for the same vulnerability
 * @param summary          one-line summary (may be empty)
 * @param details          longer text, shortened to {@link OsvParser#MAX_DETAILS} characters
 * @param published        RFC 3339 timestamp or empty
 * @param modified         RFC 3339 timestamp or empty
 * @param withdrawn        RFC 3339 timestamp when withdrawn, else null; withdrawn records never match
 * @param severity         the record's {@code severity[]}
 * @param databaseSeverity the record's {@code database_specific.severity} (GHSA style), or null
 * @param affected         affected packages in ecosystems Bulwark knows
 * @param references       reference URLs, advisories first
 */
public record OsvRecord(String id, List<String> aliases, String summary, String details, String published,
                        String modified, String withdrawn, List<OsvSeverity> severity, String databaseSeverity,
                        List<OsvAffected> affected, List<String> references) {
    public OsvRecord {
        aliases = List.copyOf(aliases);
        severity = List.copyOf(severity);
        affected = List.copyOf(affected);
        references = List.copyOf(references);
    }

    /** True when the record has been withdrawn and must never match. */
    @JsonIgnore
    public boolean isWithdrawn() {
        return withdrawn != null && !withdrawn.isBlank();
    }

    /** The id followed by the aliases. */
    public Stream<String> allIds() {
        return Stream.concat(Stream.of(id), aliases.stream());
    }

    /** A copy keeping only the affected entries for one package. */
    public OsvRecord onlyFor(String packageName) {
        return new OsvRecord(id, aliases, summary, details, published, modified, withdrawn, severity,
                databaseSeverity, affected.stream().filter(a -> a.name().equals(packageName)).toList(), references);
    }
}
