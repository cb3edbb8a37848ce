package dev.bulwark.scan.osv;

import java.util.List;

/**
 * An OSV {@code affected[].ranges[]} entry.
 *
 * @param type   {@code ECOSYSTEM}, {@code SEMVER} or {@code GIT}
 * @param events the events in record order
 */
public record OsvRange(String type, List<OsvEvent> events) {
    public OsvRange {
        events = List.copyOf(events);
    }

    /** GIT ranges speak of commits, never of package versions. */
    public boolean ordersPackageVersions() {
        return "ECOSYSTEM".equals(type) || "SEMVER".equals(type);
    }
}
