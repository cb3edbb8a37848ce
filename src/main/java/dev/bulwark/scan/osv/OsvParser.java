package dev.bulwark.scan.osv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scan.model.Ecosystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns OSV JSON into {@link OsvRecord}s. Affected entries in ecosystems Bulwark does not know (e.g.
 * {@code Debian:11}) are dropped; a record must have a string {@code id}.
 */
public final class OsvParser {
    /** Longest {@code details} text kept in the index. */
    public static final int MAX_DETAILS = 4000;
    private static final int MAX_REFERENCES = 8;

    private final ObjectMapper mapper;

    public OsvParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses one record from bytes. */
    public OsvRecord parse(byte[] json) throws IOException, MalformedRecordException {
        return parse(mapper.readTree(json));
    }

    /** Parses one record from a tree. */
    public OsvRecord parse(JsonNode node) throws MalformedRecordException {
        if (node == null || !node.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        String id = requiredText(node, "id");
        List<String> aliases = texts(node.get("aliases"), "aliases");
        List<OsvSeverity> severities = new ArrayList<>();
        for (JsonNode s : array(node.get("severity"), "severity")) {
            if (s.hasNonNull("type") && s.hasNonNull("score")) {
                severities.add(new OsvSeverity(s.get("type").asText(), s.get("score").asText()));
            }
        }
        List<OsvAffected> affected = new ArrayList<>();
        int index = 0;
        for (JsonNode a : array(node.get("affected"), "affected")) {
            parseAffected(a, index++).ifPresent(affected::add);
        }
        String details = text(node, "details");
        if (details.length() > MAX_DETAILS) {
            details = details.substring(0, MAX_DETAILS) + "…";
        }
        String withdrawn = text(node, "withdrawn");
        return new OsvRecord(id, aliases, text(node, "summary"), details, text(node, "published"),
                text(node, "modified"), withdrawn.isEmpty() ? null : withdrawn, severities,
                databaseSeverity(node.get("database_specific")), affected, references(node.get("references")));
    }

    private Optional<OsvAffected> parseAffected(JsonNode a, int index) throws MalformedRecordException {
        JsonNode pkg = a.get("package");
        if (pkg == null || !pkg.isObject()) {
            return Optional.empty(); // OSV allows affected entries without a package (e.g. GIT-only)
        }
        String ecosystemName = pkg.path("ecosystem").asText(null);
        Optional<Ecosystem> eco = Ecosystem.fromOsvQualified(ecosystemName);
        String name = pkg.path("name").asText("");
        if (eco.isEmpty() || name.isBlank()) {
            return Optional.empty();
        }
        List<OsvRange> ranges = new ArrayList<>();
        for (JsonNode r : array(a.get("ranges"), "affected[" + index + "].ranges")) {
            List<OsvEvent> events = new ArrayList<>();
            for (JsonNode e : array(r.get("events"), "affected[" + index + "].ranges[].events")) {
                event(e).ifPresent(events::add);
            }
            ranges.add(new OsvRange(r.path("type").asText(""), events));
        }
        List<String> versions = texts(a.get("versions"), "affected[" + index + "].versions");
        JsonNode informational = a.path("database_specific").get("informational");
        String info = informational == null || informational.isNull() ? null : informational.asText();
        return Optional.of(new OsvAffected(eco.get(), PackageNames.normalise(eco.get(), name), ranges, versions,
                info == null || info.isBlank() ? null : info,
                Ecosystem.release(ecosystemName)));
    }

    private static Optional<OsvEvent> event(JsonNode e) {
        for (OsvEvent.Kind kind : OsvEvent.Kind.values()) {
            JsonNode v = e.get(kind.name().toLowerCase(java.util.Locale.ROOT));
            if (v != null && v.isValueNode() && !v.asText().isEmpty()) {
                return Optional.of(new OsvEvent(kind, v.asText()));
            }
        }
        return Optional.empty();
    }

    private static String databaseSeverity(JsonNode dbSpecific) {
        if (dbSpecific == null || !dbSpecific.isObject()) {
            return null;
        }
        JsonNode s = dbSpecific.get("severity");
        return s != null && s.isTextual() && !s.asText().isBlank() ? s.asText() : null;
    }

    private static List<String> references(JsonNode refs) {
        List<String> advisories = new ArrayList<>();
        List<String> others = new ArrayList<>();
        if (refs != null && refs.isArray()) {
            for (JsonNode r : refs) {
                String url = r.path("url").asText("");
                if (url.startsWith("https://") || url.startsWith("http://")) {
                    ("ADVISORY".equals(r.path("type").asText()) ? advisories : others).add(url);
                }
            }
        }
        advisories.addAll(others);
        return advisories.size() > MAX_REFERENCES ? advisories.subList(0, MAX_REFERENCES) : advisories;
    }

    private static String requiredText(JsonNode node, String field) throws MalformedRecordException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new MalformedRecordException("missing or non-string \"" + field + "\"");
        }
        return v.asText().trim();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    private static Iterable<JsonNode> array(JsonNode v, String field) throws MalformedRecordException {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new MalformedRecordException("\"" + field + "\" is not an array");
        }
        return v;
    }

    private static List<String> texts(JsonNode v, String field) throws MalformedRecordException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(v, field)) {
            if (n.isValueNode() && !n.isNull()) {
                out.add(n.asText());
            }
        }
        return out;
    }
}
