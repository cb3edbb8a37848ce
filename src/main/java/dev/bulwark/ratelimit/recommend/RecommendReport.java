package dev.bulwark.ratelimit.recommend;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code ratelimit recommend} found.
 *
 * @param log             the access log
 * @param options         what was asked
 * @param scan            the profiling pass
 * @param profile         per-key needs
 * @param distributions   per profiled window, the spread of per-key maxima
 * @param topKeys         the keys with the most requests
 * @param keysAllowed     the most keys the target lets be throttled
 * @param recommendations per strategy (and window), replayed
 * @param profileNanos    time of the profiling pass
 * @param replayNanos     time of the replay pass
 */
public record RecommendReport(Path log, RecommendOptions options, ScanReport scan, Profile profile,
                              List<Distribution> distributions, List<TopKey> topKeys, long keysAllowed,
                              List<Recommendation> recommendations, long profileNanos, long replayNanos) {

    /** Copies. */
    public RecommendReport {
        distributions = List.copyOf(distributions);
        topKeys = List.copyOf(topKeys);
        recommendations = List.copyOf(recommendations);
    }

    /** True when every recommendation replayed within the target and one unit less did not. */
    public boolean allTight() {
        return recommendations.stream().allMatch(r -> r.verification().withinTarget()
                && (r.oneLess() == null || !r.oneLess().withinTarget()));
    }

    /**
     * A busy key.
     *
     * @param key         the key
     * @param requests    its requests
     * @param maxInWindow its largest count per profiled window (same order as the profile's windows)
     */
    public record TopKey(String key, long requests, List<Long> maxInWindow) {
    }
}
