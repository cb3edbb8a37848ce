package dev.bulwark.gateway.server;

import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.RedisHistory;
import dev.bulwark.gateway.StreamOffset;
import dev.bulwark.util.RedisUris;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distribution and history through Redis. Instances share messages the way the existing gateway does: one
 * pub/sub channel per gateway channel, the payload being the JSON message, so existing gateway instances on the
 * same Redis deliver Bulwark's messages and Bulwark delivers theirs. Every message an instance receives is also
 * appended once to the channel's stream ({@code ingest.lua}), which gives all instances the same offset for it
 * and is the history that recovering clients replay.
 */
final class RedisBridge implements History, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBridge.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final RedisClient client;
    private final RedisURI uri;
    private final int historySize;
    private final Consumer<Message> sink;
    private final Map<String, String> epochs = new ConcurrentHashMap<>();
    private final String where;
    private StatefulRedisConnection<String, String> commands;
    private StatefulRedisPubSubConnection<String, String> pubsub;
    /** Deliveries complete in the order messages arrived, whichever thread completes each ingest. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean loggedNonJson;

    RedisBridge(String redisUri, int historySize, Consumer<Message> sink) {
        this.uri = RedisUris.parse(redisUri);
        this.uri.setTimeout(COMMAND_TIMEOUT);
        this.where = RedisUris.where(uri); // never the URI: it may carry a password
        this.historySize = historySize;
        this.sink = sink;
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder().autoReconnect(true).build());
    }

    /** Connects, prepares each channel's epoch, and subscribes to every channel. */
    void start() {
        commands = client.connect(StringCodec.UTF8, uri);
        commands.sync().scriptLoad(RedisHistory.INGEST.source());
        commands.sync().scriptLoad(RedisHistory.PUBLISH.source());
        for (String c : Channels.ALL) {
            commands.sync().set(RedisHistory.epochKey(c), UUID.randomUUID().toString(), SetArgs.Builder.nx());
            epochs.put(c, commands.sync().get(RedisHistory.epochKey(c)));
        }
        pubsub = client.connectPubSub(StringCodec.UTF8, uri);
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String payload) {
                received(channel, payload);
            }
        });
        pubsub.sync().subscribe(Channels.ALL.toArray(String[]::new));
        LOG.info("gateway: sharing messages through Redis at {}", where);
    }

    /** The newest id in {@code channel}'s stream, or 0-0 when it has none. */
    StreamOffset lastId(String channel) {
        List<StreamMessage<String, String>> last = commands.sync().xrevrange(RedisHistory.streamKey(channel), Range.create("-", "+"),
                io.lettuce.core.Limit.from(1));
        return last.isEmpty() ? StreamOffset.ZERO : StreamOffset.parse(last.get(0).getId());
    }

    /** Where Redis is, without credentials. */
    String where() {
        return where;
    }

    boolean connected() {
        return pubsub != null && pubsub.isOpen() && commands.isOpen();
    }

    /** Adds {@code text} to {@code channel}'s history and publishes it to every instance (this one included). */
    void publish(String channel, String text) throws Exception {
        RedisHistory.run(commands.async(), RedisHistory.PUBLISH, RedisHistory.keys(channel, text),
                RedisHistory.publishArgs(channel, text, historySize)).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void received(String channel, String payload) {
        if (!Channels.isKnown(channel)) {
            return;
        }
        String trimmed = payload.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            if (!loggedNonJson) {
                loggedNonJson = true;
                LOG.warn("gateway: a message on Redis channel {} is not a JSON object; such messages are skipped", channel);
            }
            return;
        }
        CompletableFuture<Message> ingest = RedisHistory.run(commands.async(), RedisHistory.INGEST,
                        RedisHistory.keys(channel, payload), RedisHistory.ingestArgs(payload, historySize))
                .thenApply(r -> {
                    String epoch = String.valueOf(r.get(1));
                    epochs.put(channel, epoch);
                    return new Message(channel, StreamOffset.parse(String.valueOf(r.get(0))), epoch, payload);
                })
                .exceptionally(e -> {
                    LOG.warn("gateway: could not add a message on {} to its history ({}); delivered without a position",
                            channel, e.getMessage());
                    return new Message(channel, null, epochs.get(channel), payload);
                });
        tail = tail.thenCompose(v -> ingest).thenAccept(sink);
    }

    @Override
    public String epoch(String channel) {
        return epochs.get(channel);
    }

    @Override
    public Replay after(String channel, String clientEpoch, StreamOffset after) throws Exception {
        String epoch = commands.async().get(RedisHistory.epochKey(channel)).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (epoch == null || !epoch.equals(clientEpoch)) {
            return Replay.gap("epoch changed");
        }
        StreamOffset deleted = maxDeleted(channel);
        if (deleted != null && deleted.isAfter(after)) {
            return Replay.gap("beyond history");
        }
        List<StreamMessage<String, String>> entries = commands.async()
                .xrange(RedisHistory.streamKey(channel), Range.from(Range.Boundary.excluding(after.toString()),
                        Range.Boundary.<String>unbounded()))
                .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<Message> out = new ArrayList<>(entries.size());
        for (StreamMessage<String, String> e : entries) {
            out.add(new Message(channel, StreamOffset.parse(e.getId()), epoch, e.getBody().get("m")));
        }
        return new Replay(true, null, out);
    }

    /** The newest id trimmed from the stream ({@code max-deleted-entry-id}, Redis 7), or null when none. */
    private StreamOffset maxDeleted(String channel) throws Exception {
        List<Object> info;
        try {
            info = commands.async().xinfoStream(RedisHistory.streamKey(channel)).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (String.valueOf(e.getCause().getMessage()).contains("no such key")) {
                return null;
            }
            throw e;
        }
        for (int i = 0; i + 1 < info.size(); i += 2) {
            if ("max-deleted-entry-id".equals(String.valueOf(info.get(i)))) {
                StreamOffset o = StreamOffset.parse(String.valueOf(info.get(i + 1)));
                return o.equals(StreamOffset.ZERO) ? null : o;
            }
        }
        throw new IllegalStateException("Redis at " + where + " does not report max-deleted-entry-id (Redis 7 or newer is needed for recovery)");
    }

    @Override
    public void close() {
        if (pubsub != null) {
            pubsub.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
