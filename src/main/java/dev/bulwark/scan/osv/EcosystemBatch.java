package dev.bulwark.scan.osv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the sources of one import bring to one ecosystem: spooled records, withdrawn ids, sources. */
final class EcosystemBatch {
    /** Where a parsed record sits in the spool, and what the index needs to know about it. */
    record SpoolEntry(String id, String modified, long offset, int length, List<String> names,
                      boolean informational) {
    }

    final Map<String, SpoolEntry> records = new HashMap<>();
    final Set<String> withdrawn = new LinkedHashSet<>();
    final Set<String> sources = new LinkedHashSet<>();
    final List<String> malformed = new ArrayList<>();
    /** True when a whole dump contributed: the batch then replaces the ecosystem rather than merging into it. */
    boolean wholeDump;

    void add(SpoolEntry e) {
        // The same id from two dumps: keep the most recently modified copy.
        records.merge(e.id(), e, (a, b) -> b.modified().compareTo(a.modified()) >= 0 ? b : a);
    }

    void merge(EcosystemBatch other) {
        other.records.values().forEach(this::add);
        withdrawn.addAll(other.withdrawn);
        sources.addAll(other.sources);
        malformed.addAll(other.malformed);
        wholeDump |= other.wholeDump;
    }

    /** True when {@code id} is brought (as a record or as a withdrawal) by this batch. */
    boolean supersedes(String id) {
        return records.containsKey(id) || withdrawn.contains(id);
    }
}
