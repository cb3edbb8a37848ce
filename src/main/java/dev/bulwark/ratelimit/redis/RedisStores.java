package dev.bulwark.ratelimit.redis;

import dev.bulwark.ratelimit.TimeSource;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The one place a simulation run's Redis store is built, for the lab and the CLI alike: URI validation
 * (redacted messages), the key prefix (validated, or a random one so a run shares nothing), fail mode and
 * error listener. Processes given the same URI and prefix share their limits, as services behind a load
 * balancer do.
 */
public final class RedisStores {
    /** The start of every random run prefix. */
    public static final String RUN_PREFIX_ROOT = "bulwark:sim:";
    private static final int MAX_PREFIX = 200;

    private RedisStores() {
    }

    /** A prefix no other run uses: {@code bulwark:sim:<uuid>:}. */
    public static String randomRunPrefix() {
        return RUN_PREFIX_ROOT + UUID.randomUUID() + ":";
    }

    /**
     * {@code prefix} if it can start Redis keys: 1 to 200 printable ASCII characters without spaces or braces
     * (braces would break the hash tag that keeps a decision's keys in one cluster slot).
     *
     * @throws IllegalArgumentException saying what is wrong, in one line
     */
    public static String checkKeyPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("key prefix is empty; give e.g. shop:api:");
        }
        if (prefix.length() > MAX_PREFIX) {
            throw new IllegalArgumentException("key prefix is " + prefix.length() + " characters long; at most "
                    + MAX_PREFIX);
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '{' || c == '}') {
                throw new IllegalArgumentException("key prefix '" + prefix + "' contains '" + c
                        + "': braces delimit the hash tag that keeps a decision's keys in one cluster slot");
            }
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("key prefix contains " + (c == ' ' ? "a space"
                        : String.format("the character U+%04X", (int) c)) + " at position " + (i + 1)
                        + "; use printable ASCII without spaces");
            }
        }
        return prefix;
    }

    /**
     * A store for one run, not yet connected.
     *
     * @param uri       {@code redis://...}, {@code rediss://...}, {@code redis-socket://...} or
     *                  {@code redis-cluster://host:port[,host:port...]}
     * @param keyPrefix shared prefix, or null for a {@link #randomRunPrefix() random} one
     * @param errors    receives every store error; null for none
     * @throws IllegalArgumentException for a bad URI or prefix (one line, no password)
     */
    public static RedisStore open(String uri, String keyPrefix, FailMode failMode, Consumer<Throwable> errors,
                                  TimeSource time) {
        String prefix = keyPrefix == null ? randomRunPrefix() : checkKeyPrefix(keyPrefix);
        RedisStoreOptions options = RedisStoreOptions.defaults().withKeyPrefix(prefix)
                .withFailMode(Objects.requireNonNull(failMode, "failMode")).withErrors(errors);
        return new RedisStore(Objects.requireNonNull(uri, "uri"), options, time);
    }
}
