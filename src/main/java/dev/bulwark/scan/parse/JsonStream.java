package dev.bulwark.scan.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Streams a JSON (or YAML) document so that parsers can keep the source line of each package entry,
 * while reading each entry itself as a small tree.
 */
final class JsonStream {
    private JsonStream() {
    }

    /** Handles one top-level field; the parser sits on the value's first token. Return false to skip it. */
    @FunctionalInterface
    interface FieldHandler {
        boolean field(String name, JsonParser parser) throws IOException, ManifestFormatException;
    }

    /** One entry of an object: its key, the line of the key, and its value. */
    @FunctionalInterface
    interface EntryHandler {
        void entry(String key, int line, JsonNode value) throws IOException, ManifestFormatException;
    }

    /** One element of an array: the line where it starts, and its value. */
    @FunctionalInterface
    interface ElementHandler {
        void element(int line, JsonNode value) throws IOException, ManifestFormatException;
    }

    /**
     * Walks the top-level object of {@code input}; {@code what} names the format in error messages.
     * Truncation, syntax errors and over-deep nesting become {@link ManifestFormatException}s.
     */
    static void topLevel(ObjectMapper mapper, ManifestInput input, String what, FieldHandler handler)
            throws IOException, ManifestFormatException {
        try (JsonParser p = mapper.createParser(input.bytes())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ManifestFormatException("empty file, not a " + what, 0);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ManifestFormatException("not a " + what + ": the document is not an object", line(p));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!handler.field(name, p)) {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new ManifestFormatException("not a " + what + ": unexpected " + p.currentToken(), line(p));
            }
            if (p.nextToken() != null) {
                throw new ManifestFormatException("not a " + what + ": content after the end of the document", line(p));
            }
        } catch (JsonProcessingException e) {
            throw Parsing.malformed(what, e);
        }
    }

    /** For a value that should be an object: each entry with the line of its key. */
    static void eachEntry(JsonParser p, EntryHandler handler) throws IOException, ManifestFormatException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ManifestFormatException("expected an object at '" + p.currentName() + "'", line(p));
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int line = line(p);
            p.nextToken();
            JsonNode value = p.readValueAsTree();
            handler.entry(key, line, value);
        }
    }

    /** For a value that should be an array: each element with the line where it starts. */
    static void eachElement(JsonParser p, ElementHandler handler) throws IOException, ManifestFormatException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ManifestFormatException("expected an array at '" + p.currentName() + "'", line(p));
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw new ManifestFormatException("truncated: unexpected end of input", line(p));
            }
            int line = line(p);
            JsonNode value = p.readValueAsTree();
            handler.element(line, value);
        }
    }

    static int line(JsonParser p) {
        return Math.max(0, p.currentTokenLocation().getLineNr());
    }

    /** A text field or null when absent or not text. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
