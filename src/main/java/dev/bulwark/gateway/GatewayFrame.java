package dev.bulwark.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One gateway message. On the wire it is a JSON object with exactly the keys {@code type, channel, data,
 * timestamp, client_id}, in that order; on a connection that negotiated Bulwark's recovery extension, data
 * messages also carry {@code offset} and {@code epoch} after them (see {@code docs/gateway-protocol.md}).
 *
 * @param type      the message type ({@code ping}, {@code subscribe}, {@code threat_alert}, ...)
 * @param channel   the channel, or null
 * @param data      the payload object, or null
 * @param timestamp the timestamp as sent (UTC, ISO-8601, usually without a zone), or null
 * @param clientId  the client id, or null
 * @param offset    the recovery extension's position of a data message, or null
 * @param epoch     the recovery extension's history name, or null
 */
public record GatewayFrame(String type, String channel, ObjectNode data, String timestamp, String clientId,
                           StreamOffset offset, String epoch) {

    public GatewayFrame {
        Objects.requireNonNull(type, "type");
    }

    /** A frame without recovery fields. */
    public GatewayFrame(String type, String channel, ObjectNode data, String timestamp, String clientId) {
        this(type, channel, data, timestamp, clientId, null, null);
    }

    /** A frame of {@code type} stamped {@code now}. */
    public static GatewayFrame of(String type, String channel, ObjectNode data, Instant now, String clientId) {
        return new GatewayFrame(type, channel, data, Timestamps.format(now), clientId);
    }

    /** The control types of the base protocol; every other server-to-client type is a data message. */
    public boolean isControl() {
        return switch (type) {
            case "info", "pong", "ping", "subscribed", "unsubscribed", "subscribe", "unsubscribe", "error" -> true;
            default -> false;
        };
    }

    /** The timestamp as an instant, or null when absent or unreadable. */
    public Instant instant() {
        if (timestamp == null) {
            return null;
        }
        try {
            return Timestamps.parse(timestamp);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** This frame stamped {@code now}. */
    public GatewayFrame withTimestamp(Instant now) {
        return new GatewayFrame(type, channel, data, Timestamps.format(now), clientId, offset, epoch);
    }

    /** This frame with recovery fields. */
    public GatewayFrame withPosition(StreamOffset o, String e) {
        return new GatewayFrame(type, channel, data, timestamp, clientId, o, e);
    }

    /** A text field of {@code data}, or null. */
    public String dataText(String field) {
        if (data == null || !data.hasNonNull(field)) {
            return null;
        }
        return data.get(field).isValueNode() ? data.get(field).asText() : data.get(field).toString();
    }
}
