package dev.bulwark.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Reads and writes gateway frames. Writing is compact (no spaces) with non-ASCII kept as is, as the existing
 * gateway's {@code send_json} does, and always puts the five base keys in their order.
 */
public final class FrameCodec {
    /** Why an inbound text is not a frame: the inbound counters are kept per kind. */
    public enum Problem { INVALID_JSON, NOT_AN_OBJECT, BAD_FIELD }

    /** An inbound text that is not a frame. */
    public static final class FrameException extends Exception {
        private final Problem problem;

        public FrameException(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private final ObjectMapper mapper;

    public FrameCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A codec whose numbers keep their exact decimal form when re-encoded (1.50 stays 1.50). */
    public static FrameCodec create() {
        return new FrameCodec(new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true)));
    }

    /** The mapper (to build {@code data} objects). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** A new empty data object. */
    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** The frame as wire text; {@code offset}/{@code epoch} are written only when set. */
    public String encode(GatewayFrame f) {
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = mapper.getFactory().createGenerator(w)) {
            g.setCodec(mapper);
            g.writeStartObject();
            g.writeStringField("type", f.type());
            g.writeStringField("channel", f.channel());
            g.writeFieldName("data");
            if (f.data() == null) {
                g.writeNull();
            } else {
                g.writeTree(f.data());
            }
            g.writeStringField("timestamp", f.timestamp());
            g.writeStringField("client_id", f.clientId());
            if (f.offset() != null) {
                g.writeStringField("offset", f.offset().toString());
                g.writeStringField("epoch", f.epoch());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a gateway frame", e);
        }
        return w.toString();
    }

    /** True when {@code text} is a JSON object with exactly the five base keys, in order (and nothing else). */
    public boolean hasBaseShape(String text) {
        try {
            JsonNode n = mapper.readTree(text);
            if (n == null || !n.isObject()) {
                return false;
            }
            java.util.List<String> keys = new java.util.ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            return keys.equals(java.util.List.of("type", "channel", "data", "timestamp", "client_id"));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * Appends the recovery fields to a base frame's text without touching its bytes: what an extended client
     * receives is the legacy text with {@code ,"offset":..,"epoch":..} before the closing brace.
     */
    public String extend(String legacyText, StreamOffset offset, String epoch) {
        int end = legacyText.length();
        while (end > 0 && Character.isWhitespace(legacyText.charAt(end - 1))) {
            end--;
        }
        if (end == 0 || legacyText.charAt(end - 1) != '}') {
            throw new IllegalArgumentException("not a JSON object");
        }
        StringBuilder b = new StringBuilder(end + 48 + epoch.length()).append(legacyText, 0, end - 1);
        boolean empty = legacyText.substring(0, end - 1).strip().equals("{");
        if (!empty) {
            b.append(',');
        }
        try {
            return b.append("\"offset\":\"").append(offset).append("\",\"epoch\":")
                    .append(mapper.writeValueAsString(epoch)).append('}').toString();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses one inbound text.
     *
     * @throws FrameException when it is not JSON, not an object, or a field has the wrong type
     */
    public GatewayFrame decode(String text) throws FrameException {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FrameException(Problem.INVALID_JSON, "invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new FrameException(Problem.NOT_AN_OBJECT, "a frame must be a JSON object");
        }
        String type = text(node, "type", true);
        String channel = text(node, "channel", false);
        JsonNode data = node.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            throw new FrameException(Problem.BAD_FIELD, "field 'data' must be an object or null");
        }
        String timestamp = text(node, "timestamp", false);
        String clientId = text(node, "client_id", false);
        String offset = text(node, "offset", false);
        String epoch = text(node, "epoch", false);
        StreamOffset position = null;
        if (offset != null) {
            try {
                position = StreamOffset.parse(offset);
            } catch (IllegalArgumentException e) {
                throw new FrameException(Problem.BAD_FIELD, "field 'offset': " + e.getMessage());
            }
        }
        return new GatewayFrame(type, channel, data == null || data.isNull() ? null : (ObjectNode) data, timestamp,
                clientId, position, position == null ? null : epoch);
    }

    private static String text(JsonNode node, String field, boolean required) throws FrameException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new FrameException(Problem.BAD_FIELD, "field '" + field + "' is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new FrameException(Problem.BAD_FIELD, "field '" + field + "' must be a string");
        }
        return v.asText();
    }
}
