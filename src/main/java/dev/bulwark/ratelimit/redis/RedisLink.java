package dev.bulwark.ratelimit.redis;

import dev.bulwark.util.RedisUris;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * How a {@link RedisStore} reaches Redis: one server ({@code redis://}, {@code rediss://},
 * {@code redis-socket://}) through Lettuce's {@link RedisClient}, or a Redis Cluster
 * ({@code redis-cluster://seed[,seed...]}) through its {@link RedisClusterClient}, which routes each command
 * to the master of its key's slot and follows MOVED and ASK redirections (sending ASKING first) while slots
 * move. Both expose the same async commands, so the store does not care which it has.
 */
abstract sealed class RedisLink {
    /** Longest wait for a TCP connection; then decisions waiting for it get the fail mode's answer. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** An open connection and the commands issued on it. */
    record Open(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands) {
    }

    /** The link for a user-given URI, validated; nothing is connected yet. */
    static RedisLink of(String uri, Duration commandTimeout) {
        return RedisUris.isCluster(uri) ? new Cluster(RedisUris.parseCluster(uri), commandTimeout)
                : new Single(RedisUris.parse(uri), commandTimeout);
    }

    /** Where the store is, never with credentials. */
    abstract String where();

    /** Connects; the stage fails with the reason when it cannot. */
    abstract CompletableFuture<Open> connect();

    /** Releases the client's threads. */
    abstract void shutdown();

    /** One server; refuses a cluster node, whose MOVED replies would fail every other decision. */
    static final class Single extends RedisLink {
        private final RedisURI uri;
        private final RedisClient client = RedisClient.create();

        Single(RedisURI uri, Duration timeout) {
            this.uri = uri;
            uri.setTimeout(timeout);
            client.setOptions(ClientOptions.builder()
                    .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .build());
        }

        @Override
        String where() {
            return RedisUris.where(uri);
        }

        @Override
        CompletableFuture<Open> connect() {
            return client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture()
                    .thenCompose(c -> c.async().info("cluster").toCompletableFuture().thenCompose(info -> {
                        if (info != null && info.contains("cluster_enabled:1")) {
                            c.closeAsync();
                            return CompletableFuture.failedFuture(new RedisStoreException("Redis at " + where()
                                    + " is a Redis Cluster node: use redis-cluster://" + where(), true));
                        }
                        return CompletableFuture.completedFuture(new Open(c, c.async()));
                    }));
        }

        @Override
        void shutdown() {
            client.shutdown();
        }
    }

    /** A Redis Cluster reached through its seed nodes. */
    static final class Cluster extends RedisLink {
        private final List<RedisURI> seeds;
        private final RedisClusterClient client;

        Cluster(List<RedisURI> seeds, Duration timeout) {
            this.seeds = seeds;
            seeds.forEach(s -> s.setTimeout(timeout));
            this.client = RedisClusterClient.create(seeds);
            client.setOptions(ClusterClientOptions.builder()
                    .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    // MOVED and ASK replies trigger a topology refresh: after a resharding the next decisions
                    // go straight to the slot's new master instead of being redirected one by one
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                            .build())
                    .maxRedirects(5)
                    .build());
        }

        @Override
        String where() {
            return "cluster " + seeds.stream().map(RedisUris::where).collect(Collectors.joining(","));
        }

        @Override
        CompletableFuture<Open> connect() {
            // the async connect needs the slot map first (the blocking connect loads it itself)
            return client.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(v -> client.connectAsync(StringCodec.UTF8))
                    .thenApply(c -> new Open(c, c.async()));
        }

        @Override
        void shutdown() {
            client.shutdown();
        }
    }
}
