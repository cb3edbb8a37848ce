package dev.bulwark.ratelimit.recommend;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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

    /** The spread of per-key maxima in {@code windowSeconds}, empty when that window was not profiled. */
    public Optional<Distribution> distribution(long windowSeconds) {
        return distributions.stream().filter(d -> d.windowSeconds() == windowSeconds).findFirst();
    }

    /** The rate of the first bucket recommendation (token bucket or GCRA), empty when none was asked for. */
    public Optional<BucketRate> bucketRate() {
        return recommendations.stream().filter(Recommendation::bucket).map(Recommendation::rate).findFirst();
    }

    /** The bucket capacity {@code k} needs at {@code rate} to never be throttled (token bucket and GCRA alike). */
    public long capacityNeed(TopKey k, BucketRate rate) {
        return profile.capacityNeeds(rate)[k.index()];
    }

    /** The largest count {@code k} sent in any {@code windowSeconds} consecutive seconds. */
    public long maxInWindow(TopKey k, long windowSeconds) {
        int w = profile.windows().indexOf(windowSeconds);
        if (w < 0) {
            throw new IllegalArgumentException("window " + windowSeconds + " s was not profiled");
        }
        return k.maxInWindow().get(w);
    }

    /**
     * A busy key.
     *
     * @param key         the key
     * @param index       its index in the profile's keys
     * @param requests    its requests
     * @param maxInWindow its largest count per profiled window (same order as the profile's windows)
     */
    public record TopKey(String key, int index, long requests, List<Long> maxInWindow) {
        /** Copies. */
        public TopKey {
            maxInWindow = List.copyOf(maxInWindow);
        }
    }
}
