package dev.bulwark.gateway.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.gateway.RedisHistory;
import dev.bulwark.util.RedisUris;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * Publishes frames the way gateway instances share them: {@code PUBLISH <channel> <frame JSON>} on the Redis they
 * all use, so every instance (Bulwark's or the existing gateway's) delivers it, after adding it to the channel's
 * history (one atomic script, {@link RedisHistory#PUBLISH}), so it can be recovered even if no Bulwark instance was
 * running. Connects lazily.
 */
public final class RedisPublisher implements GatewayPublisher, AutoCloseable {
    private final RedisClient client = RedisClient.create();
    private final RedisURI uri;
    private final ObjectMapper mapper = new ObjectMapper();
    private final int historySize;
    private StatefulRedisConnection<String, String> connection;

    /** A publisher keeping channel histories at the reference server's default of 1000 messages. */
    public RedisPublisher(String redisUri) {
        this(redisUri, 1000);
    }

    /**
     * @param redisUri    {@code redis://host:port} (a password in it is used, never printed)
     * @param historySize messages kept per channel's history (approximately, as {@code XADD MAXLEN ~})
     */
    public RedisPublisher(String redisUri, int historySize) {
        this.historySize = historySize;
        this.uri = RedisUris.parse(redisUri);
        this.uri.setTimeout(Duration.ofSeconds(5));
    }

    /** Where, without credentials. */
    public String where() {
        return RedisUris.where(uri);
    }

    @Override
    public synchronized void publish(String frameJson) throws Exception {
        String channel = mapper.readTree(frameJson).path("channel").asText(null);
        if (channel == null) {
            throw new IllegalArgumentException("the frame has no channel");
        }
        if (connection == null || !connection.isOpen()) {
            connection = client.connect(StringCodec.UTF8, uri);
        }
        RedisHistory.run(connection.async(), RedisHistory.PUBLISH, RedisHistory.keys(channel, frameJson),
                RedisHistory.publishArgs(channel, frameJson, historySize)).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
