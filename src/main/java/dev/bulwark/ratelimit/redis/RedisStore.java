package dev.bulwark.ratelimit.redis;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.LimiterBackend;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.Reason;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.util.Errors;
import dev.bulwark.util.RedisUris;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis adapter: one Lettuce connection shared by any number of {@link RedisRateLimiter}s. Each
 * decision is a single EVALSHA of an atomic Lua script that reads the server's clock; scripts are loaded
 * when the connection is made and reloaded on NOSCRIPT. The connection is made lazily and retried after
 * {@link RedisStoreOptions#reconnectDelay()}; once made, Lettuce reconnects by itself, and while it is
 * down commands fail fast and decisions follow the {@link FailMode}. Keys have the form
 * {@code prefix{base64(limiter):base64(key)}} so any identifier is safe and all keys of one decision
 * share a Redis Cluster slot.
 */
public final class RedisStore implements LimiterBackend, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RedisClient client;
    private final RedisURI uri;
    private final RedisStoreOptions options;
    private final TimeSource time;
    private final String where;
    private final Object connectLock = new Object();
    private final AtomicLong errors = new AtomicLong();
    private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;
    private long lastAttempt;
    private volatile long lastLogged = Long.MIN_VALUE;
    private volatile Throwable lastError;

    /**
     * A store for {@code redisUri} (e.g. {@code redis://127.0.0.1:6379}); does not connect yet.
     *
     * @param time drives the reconnect delay and error-log throttling
     * @throws IllegalArgumentException if the URI is not a valid Redis URI ({@link RedisUris#parse}); the
     *                                  message names it without its password
     */
    public RedisStore(String redisUri, RedisStoreOptions options, TimeSource time) {
        this.uri = RedisUris.parse(Objects.requireNonNull(redisUri, "redisUri"));
        this.uri.setTimeout(options.commandTimeout());
        this.options = options;
        this.time = Objects.requireNonNull(time, "time");
        // host:port only: the URI may carry a password
        this.where = RedisUris.where(uri);
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .build());
    }

    /** A limiter for {@code config} backed by this store. */
    public RedisRateLimiter limiter(LimitConfig config) {
        return new RedisRateLimiter(this, config);
    }

    /** Backend view: the limiter ignores {@code time}, Redis keeps the time. */
    @Override
    public RateLimiter create(LimitConfig config, TimeSource ignored) {
        return limiter(config);
    }

    @Override
    public boolean followsInjectedTime() {
        return false;
    }

    @Override
    public String label() {
        return "redis";
    }

    /** The options in force. */
    public RedisStoreOptions options() {
        return options;
    }

    /** Number of store errors seen so far. */
    public long errorCount() {
        return errors.get();
    }

    /** Where the store is, without credentials: {@code host:port}. */
    public String where() {
        return where;
    }

    /** The innermost message of the latest store error (credentials removed), or null when there was none. */
    public String lastError() {
        Throwable t = lastError;
        return t == null ? null : RedisUris.redact(Errors.rootMessage(t));
    }

    private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
        if (current != null && !current.isCompletedExceptionally()) {
            return current;  // fast path: no lock once connected
        }
        synchronized (connectLock) {
            CompletableFuture<StatefulRedisConnection<String, String>> c = connection;
            if (c != null && !c.isCompletedExceptionally()) {
                return c;
            }
            long now = time.nanos();
            if (c != null && now - lastAttempt < options.reconnectDelay().toNanos()) {
                return c;
            }
            lastAttempt = now;
            connection = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture()
                    .thenCompose(conn -> loadScripts(conn).thenApply(v -> conn));
            return connection;
        }
    }

    private static CompletableFuture<Void> loadScripts(StatefulRedisConnection<String, String> conn) {
        CompletableFuture<?>[] loads = new CompletableFuture<?>[LuaScript.values().length];
        for (LuaScript s : LuaScript.values()) {
            loads[s.ordinal()] = conn.async().scriptLoad(s.source()).toCompletableFuture();
        }
        return CompletableFuture.allOf(loads);
    }

    /** Runs {@code script} atomically; reloads it once if the server has forgotten it. */
    CompletableFuture<List<Object>> eval(LuaScript script, String[] keys, String... args) {
        return connection().thenCompose(conn -> this.<List<Object>>evalsha(conn, script, keys, args)
                .exceptionallyCompose(e -> {
                    if (unwrap(e) instanceof RedisNoScriptException) {
                        LOG.info("Redis at {} lost script {}; reloading", where, script);
                        return conn.async().scriptLoad(script.source()).toCompletableFuture()
                                .thenCompose(sha -> evalsha(conn, script, keys, args));
                    }
                    return CompletableFuture.failedFuture(e);
                }))
                .orTimeout(options.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    private <T> CompletableFuture<T> evalsha(StatefulRedisConnection<String, String> conn, LuaScript script,
                                             String[] keys, String... args) {
        return conn.async().<T>evalsha(script.sha(), ScriptOutputType.MULTI, keys, args).toCompletableFuture();
    }

    /** Deletes {@code keys}. */
    CompletableFuture<Long> delete(String... keys) {
        return connection().thenCompose(conn -> conn.async().del(keys).toCompletableFuture())
                .orTimeout(options.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    /** The Redis key for {@code key} of {@code limiter}, with an optional suffix outside the hash tag. */
    String redisKey(String limiter, String key, String suffix) {
        return options.keyPrefix() + "{" + B64.encodeToString(limiter.getBytes(StandardCharsets.UTF_8)) + ":"
                + B64.encodeToString(key.getBytes(StandardCharsets.UTF_8)) + "}" + suffix;
    }

    /** The decision while the store fails, after surfacing the error. */
    Decision failed(Throwable error, LimitConfig config) {
        Throwable cause = unwrap(error);
        report(cause);
        boolean allow = options.failMode() == FailMode.OPEN;
        long retry = allow ? 0 : options.reconnectDelay().toNanos();
        return new Decision(allow, 0, retry, 0, config.capacity(), Reason.STORE_UNAVAILABLE);
    }

    void report(Throwable cause) {
        lastError = cause;
        long n = errors.incrementAndGet();
        try {
            options.errors().accept(cause);
        } catch (RuntimeException listenerFailure) {
            LOG.warn("rate-limit error listener failed", listenerFailure);
        }
        long now = time.nanos();
        long prev = lastLogged;
        // one line per 10 s at most: a Redis outage under load would otherwise flood the log
        if (prev == Long.MIN_VALUE || now - prev >= LOG_EVERY_NANOS) {
            lastLogged = now;
            LOG.warn("Redis rate-limit store at {} unavailable ({} errors so far), failing {}: {}", where, n,
                    options.failMode().name().toLowerCase(java.util.Locale.ROOT), cause.toString());
        }
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        synchronized (connectLock) {
            if (connection != null && connection.isDone() && !connection.isCompletedExceptionally()) {
                connection.join().close();
            }
        }
        client.shutdown();
    }
}
