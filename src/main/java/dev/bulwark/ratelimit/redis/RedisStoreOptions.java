package dev.bulwark.ratelimit.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options of a {@link RedisStore}.
 *
 * @param keyPrefix      prefix of every key, e.g. {@code bulwark:rl:}
 * @param failMode       the answer while Redis is unreachable
 * @param commandTimeout how long one decision may wait for Redis
 * @param reconnectDelay minimum wait between attempts to establish the first connection (later
 *                       reconnects are automatic)
 * @param errors         receives every store error (in addition to the log), e.g. to show it in a UI
 */
public record RedisStoreOptions(String keyPrefix, FailMode failMode, Duration commandTimeout,
                                Duration reconnectDelay, Consumer<Throwable> errors) {

    /** Validates. */
    public RedisStoreOptions {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(failMode, "failMode");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        errors = errors == null ? e -> { } : errors;
        if (keyPrefix.contains("{") || keyPrefix.contains("}")) {
            throw new IllegalArgumentException("keyPrefix must not contain braces (they define the hash tag)");
        }
    }

    /** Fail closed, 500 ms timeout, 1 s reconnect delay, prefix {@code bulwark:rl:}. */
    public static RedisStoreOptions defaults() {
        return new RedisStoreOptions("bulwark:rl:", FailMode.CLOSED, Duration.ofMillis(500), Duration.ofSeconds(1),
                null);
    }

    /** A copy with another fail mode. */
    public RedisStoreOptions withFailMode(FailMode mode) {
        return new RedisStoreOptions(keyPrefix, mode, commandTimeout, reconnectDelay, errors);
    }

    /** A copy with another error listener. */
    public RedisStoreOptions withErrors(Consumer<Throwable> listener) {
        return new RedisStoreOptions(keyPrefix, failMode, commandTimeout, reconnectDelay, listener);
    }

    /** A copy with another command timeout. */
    public RedisStoreOptions withCommandTimeout(Duration timeout) {
        return new RedisStoreOptions(keyPrefix, failMode, timeout, reconnectDelay, errors);
    }

    /** A copy with another key prefix. */
    public RedisStoreOptions withKeyPrefix(String prefix) {
        return new RedisStoreOptions(prefix, failMode, commandTimeout, reconnectDelay, errors);
    }
}
