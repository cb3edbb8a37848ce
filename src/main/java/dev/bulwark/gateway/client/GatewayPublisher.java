package dev.bulwark.gateway.client;

/**
 * Where Bulwark publishes its own frames: a gateway's {@code POST /publish} ({@link GatewayHttp#publish}) or
 * Redis pub/sub ({@code RedisPublisher}). One frame's JSON text per call.
 */
@FunctionalInterface
public interface GatewayPublisher {
    /** Publishes one frame; throws with a reason a user can act on when it was not accepted. */
    void publish(String frameJson) throws Exception;
}
