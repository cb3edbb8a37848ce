package dev.bulwark.ratelimit.redis;

import dev.bulwark.util.RedisUris;

/**
 * Why a {@link RedisStore} cannot work, in one line without credentials. {@link #permanent()} tells a
 * failure that waiting will not cure (wrong password, a cluster node given as a single server) from one that
 * may pass (server down).
 */
public final class RedisStoreException extends RuntimeException {
    private final boolean permanent;

    /** @param message what went wrong; credentials in any URI in it are removed */
    public RedisStoreException(String message, boolean permanent) {
        super(RedisUris.redact(message), null, false, false);
        this.permanent = permanent;
    }

    /** True when retrying cannot help: the configuration must change. */
    public boolean permanent() {
        return permanent;
    }
}
