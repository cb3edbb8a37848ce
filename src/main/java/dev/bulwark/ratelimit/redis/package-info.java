/**
 * Redis store through Lettuce: {@link dev.bulwark.ratelimit.redis.RedisStore} owns the connection and
 * the Lua scripts ({@code src/main/resources/dev/bulwark/ratelimit/redis/*.lua}); each
 * {@link dev.bulwark.ratelimit.redis.RedisRateLimiter} decision is one EVALSHA using the server's
 * {@code TIME} (microseconds), with hash-tagged base64url keys and an expiry on every key written.
 */
package dev.bulwark.ratelimit.redis;
