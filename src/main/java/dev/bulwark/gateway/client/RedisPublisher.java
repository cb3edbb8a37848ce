package dev.bulwark.gateway.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * Publishes frames the way gateway instances share them: {@code PUBLISH <channel> <frame JSON>} on the Redis they
 * all use, so every instance (Bulwark's or the existing gateway's) delivers it. Connects lazily.
 */
public final class RedisPublisher implements GatewayPublisher, AutoCloseable {
    private final RedisClient client = RedisClient.create();
    private final RedisURI uri;
    private final ObjectMapper mapper = new ObjectMapper();
    private StatefulRedisConnection<String, String> connection;

    /** @param redisUri {@code redis://host:port} (a password in it is used, never printed) */
    public RedisPublisher(String redisUri) {
        this.uri = RedisURI.create(redisUri);
        this.uri.setTimeout(Duration.ofSeconds(5));
    }

    /** Where, without credentials. */
    public String where() {
        return uri.getHost() + ":" + uri.getPort();
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
        connection.sync().publish(channel, frameJson);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
