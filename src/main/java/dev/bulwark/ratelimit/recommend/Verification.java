package dev.bulwark.ratelimit.recommend;

import dev.bulwark.ratelimit.LimitConfig;
import java.util.List;

/**
 * The log replayed through one limiter.
 *
 * @param config            the limiter
 * @param keysTotal         keys in the log
 * @param keysThrottled     keys with at least one rejected request
 * @param requestsTotal     requests replayed
 * @param requestsThrottled requests rejected
 * @param allowedKeys       the most keys the target lets be throttled
 * @param throttled         the most throttled keys, most rejected requests first (at most the report's top)
 */
public record Verification(LimitConfig config, long keysTotal, long keysThrottled, long requestsTotal,
                           long requestsThrottled, long allowedKeys, List<ThrottledKey> throttled) {

    /** Copies. */
    public Verification {
        throttled = List.copyOf(throttled);
    }

    /** True when no more keys were throttled than the target allows. */
    public boolean withinTarget() {
        return keysThrottled <= allowedKeys;
    }

    /** Share of keys throttled, in percent. */
    public double keysThrottledPercent() {
        return keysTotal == 0 ? 0 : 100.0 * keysThrottled / keysTotal;
    }

    /**
     * One throttled key.
     *
     * @param key            the key (address, user, or address and path)
     * @param requests       its requests
     * @param throttled      how many were rejected
     * @param firstThrottled the first rejection, epoch seconds
     */
    public record ThrottledKey(String key, long requests, long throttled, long firstThrottled) {
    }
}
