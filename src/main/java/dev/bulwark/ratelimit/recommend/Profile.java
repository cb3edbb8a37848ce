package dev.bulwark.ratelimit.recommend;

import dev.bulwark.ratelimit.Algorithm;
import java.util.Arrays;
import java.util.List;

/**
 * Per key: its requests and what each strategy needs to never throttle it (see {@link KeyProfile}).
 *
 * @param keys     the keys, by id
 * @param requests requests per key
 * @param windows  the profiled windows in seconds, ascending
 * @param rates    the bucket rates, ascending
 * @param needs    per metric (see {@link #metric}) per key
 */
public record Profile(List<String> keys, long[] requests, List<Long> windows, List<BucketRate> rates,
                      long[][] needs) {

    /** Number of keys. */
    public int keyCount() {
        return keys.size();
    }

    /** All requests. */
    public long totalRequests() {
        return Arrays.stream(requests).sum();
    }

    /** The needs of {@code strategy} at window {@code windowSeconds} (window strategies). */
    public long[] windowNeeds(Algorithm strategy, long windowSeconds) {
        int w = windows.indexOf(windowSeconds);
        if (w < 0) {
            throw new IllegalArgumentException("window " + windowSeconds + " s was not profiled");
        }
        return needs[metric(w, strategy)];
    }

    /** The most requests each key sent in any {@code windowSeconds} consecutive seconds. */
    public long[] maxInWindow(long windowSeconds) {
        return windowNeeds(Algorithm.SLIDING_LOG, windowSeconds);
    }

    /** The bucket capacity each key needs at {@code rate} (token bucket and GCRA alike). */
    public long[] capacityNeeds(BucketRate rate) {
        int r = rates.indexOf(rate);
        if (r < 0) {
            throw new IllegalArgumentException("rate " + rate + " was not profiled");
        }
        return needs[windows.size() * 3 + r];
    }

    private static int metric(int w, Algorithm a) {
        return switch (a) {
            case SLIDING_LOG -> w * 3;
            case FIXED_WINDOW -> w * 3 + 1;
            case SLIDING_WINDOW -> w * 3 + 2;
            default -> throw new IllegalArgumentException(a.id() + " is not a window strategy");
        };
    }
}
