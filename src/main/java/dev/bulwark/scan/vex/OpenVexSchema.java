package dev.bulwark.scan.vex;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * The official OpenVEX v0.2.0 JSON schema (github.com/openvex/spec {@code openvex_json_schema.json}, CC0-1.0,
 * bundled byte-for-byte; a test compares it with the copy in {@code ../shared/schemas}). Messages locate the
 * offending value by JSON pointer.
 */
final class OpenVexSchema {
    private static final String RESOURCE = "openvex_json_schema.json";
    private static final JsonSchema SCHEMA = load();

    private OpenVexSchema() {
    }

    /** Every violation of {@code doc}, ordered by location. */
    static List<ValidationMessage> validate(JsonNode doc) {
        return SCHEMA.validate(doc).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .toList();
    }

    /** One line for a violation: the JSON pointer (or {@code /} for the document) and what is wrong. */
    static String describe(ValidationMessage m) {
        String where = m.getInstanceLocation().toString();
        String what = m.getMessage();
        // networknt prefixes its message with the location; keep the pointer once.
        if (what.startsWith(where + ": ")) {
            what = what.substring(where.length() + 2);
        }
        return (where.isEmpty() ? "/" : where) + ": " + what;
    }

    private static JsonSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true).build();
        try (InputStream in = OpenVexSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled OpenVEX schema missing: " + RESOURCE);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled OpenVEX schema", e);
        }
    }
}
