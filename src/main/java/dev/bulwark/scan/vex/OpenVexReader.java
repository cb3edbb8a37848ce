package dev.bulwark.scan.vex;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an OpenVEX document. v0.2.0 documents ({@code @context} {@code https://openvex.dev/ns/v0.2.0}) are validated
 * against the official schema; a violation rejects the file, except a missing document {@code timestamp} or
 * {@code version} (the reference library's own test documents omit them, and neither affects matching), which is a
 * warning. Earlier documents ({@code https://openvex.dev/ns} and {@code v0.0.x}: vulnerability as a string,
 * products as purl strings, statement-level {@code subcomponents}) predate the schema and are checked field by field.
 */
final class OpenVexReader {
    private static final String CONTEXT_V020 = "https://openvex.dev/ns/v0.2.0";

    ParsedDocument read(Path file, JsonNode root) {
        String context = root.path("@context").asText("");
        List<String> warnings = new ArrayList<>();
        if (context.equals(CONTEXT_V020)) {
            List<String> fatal = new ArrayList<>();
            for (ValidationMessage m : OpenVexSchema.validate(root)) {
                boolean metadata = "required".equals(m.getType()) && m.getInstanceLocation().getNameCount() == 0
                        && ("timestamp".equals(m.getProperty()) || "version".equals(m.getProperty()));
                (metadata ? warnings : fatal).add(OpenVexSchema.describe(m));
            }
            if (!fatal.isEmpty()) {
                return ParsedDocument.rejected("not valid OpenVEX v0.2.0: " + fatal.getFirst()
                        + (fatal.size() > 1 ? " (and " + (fatal.size() - 1) + " more)" : ""));
            }
        } else if (!context.startsWith("https://openvex.dev/ns")) {
            return ParsedDocument.rejected("/@context: not an OpenVEX context: \"" + context + "\"");
        } else {
            warnings.add("OpenVEX " + context + " predates the v0.2.0 schema: checked field by field");
        }
        JsonNode statements = root.path("statements");
        if (!statements.isArray() || statements.isEmpty()) {
            return ParsedDocument.rejected("/statements: expected a non-empty array");
        }
        String docId = root.path("@id").asText(file.getFileName().toString());
        VexSource source = new VexSource(file, docId, VexSource.OPENVEX, root.path("author").asText(null));
        List<VexStatement> out = new ArrayList<>();
        try {
            Instant docTime = time(root, "timestamp", "/timestamp");
            for (int i = 0; i < statements.size(); i++) {
                String at = "/statements/" + i;
                JsonNode s = statements.get(i);
                VexStatement st = statement(s, at, docTime, source);
                if (st.products().isEmpty()) {
                    warnings.add(at + ": names no product or subcomponent purl (" + st.vulnerability()
                            + "); not applied");
                }
                out.add(st);
            }
        } catch (InvalidField e) {
            return ParsedDocument.rejected(e.getMessage());
        }
        return new ParsedDocument(out, null, warnings);
    }

    private static VexStatement statement(JsonNode s, String at, Instant docTime, VexSource source) {
        JsonNode v = s.path("vulnerability");
        Set<String> ids = new LinkedHashSet<>();
        String name;
        if (v.isTextual()) {
            name = v.asText();
        } else if (v.isObject() && v.path("name").isTextual()) {
            name = v.get("name").asText();
            if (v.path("@id").isTextual()) {
                ids.add(v.get("@id").asText());
            }
            v.path("aliases").forEach(a -> ids.add(a.asText()));
        } else {
            throw new InvalidField(at + "/vulnerability: expected a name");
        }
        if (name.isBlank()) {
            throw new InvalidField(at + "/vulnerability: empty name");
        }
        ids.add(name);
        s.path("vulnerability_aliases").forEach(a -> ids.add(a.asText()));
        VexStatus status = VexStatus.ofOpenVex(s.path("status").asText(""))
                .orElseThrow(() -> new InvalidField(at + "/status: expected not_affected, affected, fixed or "
                        + "under_investigation, got \"" + s.path("status").asText("") + "\""));
        Set<String> products = new LinkedHashSet<>();
        JsonNode ps = s.path("products");
        for (int p = 0; p < ps.size(); p++) {
            JsonNode product = ps.get(p);
            addPurl(products, product);
            product.path("subcomponents").forEach(sub -> addPurl(products, sub));
        }
        s.path("subcomponents").forEach(sub -> addPurl(products, sub));
        Instant stamp = time(s, "timestamp", at + "/timestamp");
        Instant updated = time(s, "last_updated", at + "/last_updated");
        Instant when = updated != null && (stamp == null || updated.isAfter(stamp)) ? updated
                : stamp != null ? stamp : docTime;
        return new VexStatement(name, List.copyOf(ids), List.copyOf(products), status, text(s, "justification"),
                text(s, "impact_statement"), text(s, "action_statement"), when, source, 0);
    }

    /** A product or subcomponent: a purl string, or an object with a purl {@code @id} or {@code identifiers.purl}. */
    private static void addPurl(Set<String> out, JsonNode component) {
        if (component.isTextual()) {
            PurlKey.parse(component.asText()).ifPresent(k -> out.add(component.asText()));
            return;
        }
        String id = component.path("@id").asText("");
        if (PurlKey.parse(id).isPresent()) {
            out.add(id);
        }
        String purl = component.path("identifiers").path("purl").asText("");
        if (PurlKey.parse(purl).isPresent()) {
            out.add(purl);
        }
    }

    private static String text(JsonNode n, String field) {
        String s = n.path(field).asText("");
        return s.isBlank() ? null : s;
    }

    private static Instant time(JsonNode n, String field, String pointer) {
        if (!n.hasNonNull(field)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.get(field).asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidField(pointer + ": not an RFC 3339 date-time: \"" + n.get(field).asText() + "\"");
        }
    }

    /** A field that makes the document unusable; the message starts with its JSON pointer. */
    static final class InvalidField extends RuntimeException {
        InvalidField(String message) {
            super(message);
        }
    }
}
