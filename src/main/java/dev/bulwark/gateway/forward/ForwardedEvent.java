package dev.bulwark.gateway.forward;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gateway.Channels;
import java.util.Objects;

/**
 * One of Bulwark's own events as a gateway data message, before it is stamped and sent.
 *
 * @param channel the gateway channel
 * @param type    the message type ({@code container_status}, {@code threat_alert})
 * @param data    the payload
 */
public record ForwardedEvent(String channel, String type, ObjectNode data) {
    public ForwardedEvent {
        Channels.require(channel);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
