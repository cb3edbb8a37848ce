package dev.bulwark.scan.osv;

import dev.bulwark.scan.model.Ecosystem;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reports per-ecosystem counts, sources and ages, and which are stale. */
public final class DatabaseStatusReader {
    private final OsvStore store;
    private final Clock clock;
    private final Duration maxAge;

    /** {@code maxAge}: data older than this is stale (warned on stderr and in the GUI). */
    public DatabaseStatusReader(OsvStore store, Clock clock, Duration maxAge) {
        this.store = store;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** One status per known ecosystem, imported or not. */
    public List<EcosystemStatus> read() throws IOException {
        List<EcosystemStatus> out = new ArrayList<>();
        for (Ecosystem e : Ecosystem.values()) {
            Optional<EcosystemManifest> m = store.manifest(e);
            if (m.isEmpty()) {
                out.add(new EcosystemStatus(e.osvName(), 0, List.of(), null, -1, true, 0, 0));
                continue;
            }
            EcosystemManifest mf = m.get();
            Duration age = Duration.between(mf.importedAt(), clock.instant());
            out.add(new EcosystemStatus(e.osvName(), mf.records(), mf.sources(), mf.importedAt(), age.toDays(),
                    age.compareTo(maxAge) > 0, mf.malformed(), mf.withdrawn()));
        }
        return out;
    }

    public Duration maxAge() {
        return maxAge;
    }
}
