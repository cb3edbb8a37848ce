package dev.bulwark.ratelimit.redis;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.LimiterBackend;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.Reason;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.util.Errors;
import dev.bulwark.util.RedisUris;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis adapter: one Lettuce connection (to a server, or to a Redis Cluster with
 * {@code redis-cluster://}) shared by any number of {@link RedisRateLimiter}s. Each decision is a single
 * EVALSHA of an atomic Lua script that reads the server's clock; scripts are loaded (on every master of a
 * cluster) when the connection is made, and a node that lacks one runs it with EVAL, which also caches it.
 * Commands are pipelined: any number may be in flight, and those on one connection run in the order issued,
 * so concurrent decisions on one key keep their order. The connection is made lazily and retried after
 * {@link RedisStoreOptions#reconnectDelay()}; once made, Lettuce reconnects by itself, and while it is
 * down commands fail fast and decisions follow the {@link FailMode}. Keys have the form
 * {@code prefix{base64(limiter):base64(key)}} so any identifier is safe and all keys of one decision
 * share a Redis Cluster slot.
 */
public final class RedisStore implements LimiterBackend, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RedisLink link;
    private final RedisStoreOptions options;
    private final TimeSource time;
    private final String where;
    private final Object connectLock = new Object();
    private final AtomicLong errors = new AtomicLong();
    private volatile CompletableFuture<RedisLink.Open> connection;
    private long lastAttempt;
    private volatile long lastLogged = Long.MIN_VALUE;
    private volatile Throwable lastError;

    /**
     * A store for {@code redisUri} ({@code redis://127.0.0.1:6379}, or
     * {@code redis-cluster://host:port[,host:port...]} for a Redis Cluster); does not connect yet.
     *
     * @param time drives the reconnect delay and error-log throttling
     * @throws IllegalArgumentException if the URI is not a valid Redis URI ({@link RedisUris#parse},
     *                                  {@link RedisUris#parseCluster}); the message names it without its password
     */
    public RedisStore(String redisUri, RedisStoreOptions options, TimeSource time) {
        this.options = Objects.requireNonNull(options, "options");
        this.time = Objects.requireNonNull(time, "time");
        this.link = RedisLink.of(Objects.requireNonNull(redisUri, "redisUri"), options.commandTimeout());
        // host:port only: the URI may carry a password
        this.where = link.where();
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

    /** Where the store is, without credentials: {@code host:port}, or {@code cluster host:port,...}. */
    public String where() {
        return where;
    }

    /** The innermost message of the latest store error (credentials removed), or null when there was none. */
    public String lastError() {
        Throwable t = lastError;
        return t == null ? null : RedisUris.redact(Errors.rootMessage(t));
    }

    /**
     * Connects now rather than at the first decision, so a caller can tell a wrong password from a server
     * that is down before it starts. The stage fails with a {@link RedisStoreException}.
     */
    public CompletableFuture<Void> connect() {
        return connection().<Void>thenApply(c -> null)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(explain(unwrap(e))));
    }

    /**
     * Connects now and waits up to {@code wait}: empty when connected, else why not (a wrong password is
     * {@link RedisStoreException#permanent()}; a server that is down or slow is not, and decisions then get the
     * fail mode's answer until it answers).
     */
    public Optional<RedisStoreException> connectWithin(Duration wait) {
        try {
            connect().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause() instanceof RedisStoreException r ? r : explain(unwrap(e.getCause())));
        } catch (TimeoutException e) {
            return Optional.of(new RedisStoreException("Redis at " + where + " did not answer within "
                    + wait.toSeconds() + " s", false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new RedisStoreException("interrupted while connecting to Redis at " + where, false));
        }
    }

    /** The failure to connect in one line without credentials, and whether retrying can cure it. */
    private RedisStoreException explain(Throwable e) {
        if (e instanceof RedisStoreException r) {
            return r;
        }
        String root = Errors.rootMessage(e);
        String upper = root.toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("WRONGPASS") || upper.startsWith("NOAUTH") || upper.contains("INVALID PASSWORD")
                || upper.contains("AUTH <PASSWORD> CALLED WITHOUT") || upper.contains("WITHOUT ANY PASSWORD")) {
            return new RedisStoreException("Redis at " + where + " refused the credentials: " + root, true);
        }
        if (upper.contains("CLUSTER SUPPORT DISABLED")) {
            return new RedisStoreException("Redis at " + where + " is not a Redis Cluster: use redis:// with one"
                    + " of its nodes", true);
        }
        return new RedisStoreException("Redis at " + where + " is unreachable: " + root, false);
    }

    private CompletableFuture<RedisLink.Open> connection() {
        CompletableFuture<RedisLink.Open> current = connection;
        if (current != null && !current.isCompletedExceptionally()) {
            return current;  // fast path: no lock once connected
        }
        synchronized (connectLock) {
            CompletableFuture<RedisLink.Open> c = connection;
            if (c != null && !c.isCompletedExceptionally()) {
                return c;
            }
            long now = time.nanos();
            if (c != null && now - lastAttempt < options.reconnectDelay().toNanos()) {
                return c;
            }
            lastAttempt = now;
            connection = link.connect().thenCompose(open -> loadScripts(open.commands()).thenApply(v -> open));
            return connection;
        }
    }

    /** On a cluster connection SCRIPT LOAD goes to every node, so EVALSHA finds the script on any master. */
    private static CompletableFuture<Void> loadScripts(RedisClusterAsyncCommands<String, String> commands) {
        CompletableFuture<?>[] loads = new CompletableFuture<?>[LuaScript.values().length];
        for (LuaScript s : LuaScript.values()) {
            loads[s.ordinal()] = commands.scriptLoad(s.source()).toCompletableFuture();
        }
        return CompletableFuture.allOf(loads);
    }

    /** Runs {@code script} atomically; a node that has forgotten it (or never had it) runs the source. */
    CompletableFuture<List<Object>> eval(LuaScript script, String[] keys, String... args) {
        // the timeout counts from when the command can be sent: a connection being made (bounded by the link's
        // connect timeout) does not fail the decisions waiting for it
        return connection().thenCompose(open -> open.commands().<List<Object>>evalsha(script.sha(),
                        ScriptOutputType.MULTI, keys, args).toCompletableFuture()
                .exceptionallyCompose(e -> {
                    if (unwrap(e) instanceof RedisNoScriptException) {
                        LOG.info("Redis at {} lacks script {}; running its source", where, script);
                        return open.commands().<List<Object>>eval(script.source(), ScriptOutputType.MULTI, keys,
                                args).toCompletableFuture();
                    }
                    return CompletableFuture.failedFuture(e);
                })
                .orTimeout(options.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS));
    }

    /** Deletes {@code keys} (of one hash tag, so one slot). */
    CompletableFuture<Long> delete(String... keys) {
        return connection().thenCompose(open -> open.commands().del(keys).toCompletableFuture()
                .orTimeout(options.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS));
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
                    options.failMode().name().toLowerCase(java.util.Locale.ROOT), RedisUris.redact(cause.toString()));
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
                connection.join().connection().close();
            }
        }
        link.shutdown();
    }
}
