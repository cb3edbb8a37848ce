package dev.bulwark.scan.policy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.bulwark.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Adds entries to an ignore file ({@link IgnoreFile} format), keeping the entries already there. A file that
 * cannot be read as an ignore file is never overwritten: the error names it.
 */
public final class IgnoreFileWriter {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    /** The ignore file the scanner reads for a scan root (a folder, or a file's folder). */
    public static Path fileFor(Path root) {
        Path dir = Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
        return dir.resolve(IgnoreFile.DEFAULT_NAME);
    }

    /** Appends {@code rule} to {@code file} (created when missing), atomically. */
    public void add(Path file, IgnoreRule rule) throws IOException {
        if (rule.reason().isBlank()) {
            throw new IllegalArgumentException("an ignore entry needs a reason");
        }
        ObjectNode root;
        ArrayNode entries;
        if (Files.exists(file)) {
            JsonNode existing;
            try {
                existing = yaml.readTree(file.toFile());
            } catch (IOException e) {
                throw new IOException(file + " is not a readable ignore file, not changed: " + e.getMessage(), e);
            }
            if (existing != null && existing.isArray()) {
                root = yaml.createObjectNode();
                entries = root.putArray("ignore");
                entries.addAll((ArrayNode) existing);
            } else if (existing == null || existing.isMissingNode() || existing.isNull()) {
                root = yaml.createObjectNode();
                entries = root.putArray("ignore");
            } else if (existing.isObject() && (!existing.has("ignore") || existing.get("ignore").isArray())) {
                root = (ObjectNode) existing;
                entries = root.has("ignore") ? (ArrayNode) root.get("ignore") : root.putArray("ignore");
            } else {
                throw new IOException(file + ": expected a list under \"ignore:\", not changed");
            }
        } else {
            root = yaml.createObjectNode();
            entries = root.putArray("ignore");
        }
        ObjectNode entry = entries.addObject();
        entry.put("id", rule.id());
        entry.put("reason", rule.reason().strip());
        if (rule.expires() != null) {
            entry.put("expires", rule.expires().toString());
        }
        AtomicFiles.write(file, out -> yaml.writeValue(out, root));
    }
}
