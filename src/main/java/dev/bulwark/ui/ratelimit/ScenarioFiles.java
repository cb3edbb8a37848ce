package dev.bulwark.ui.ratelimit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.bulwark.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Writes scenario documents in the CLI's format: YAML for {@code .yaml}/{@code .yml}, JSON otherwise. */
final class ScenarioFiles {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code document} to {@code file} atomically (a reader never sees half a file). */
    void save(ObjectNode document, Path file) throws IOException {
        AtomicFiles.writeString(file, render(document, file));
    }

    String render(ObjectNode document, Path file) throws JsonProcessingException {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean isYaml = n.endsWith(".yaml") || n.endsWith(".yml");
        return isYaml ? yaml.writeValueAsString(document) : json.writeValueAsString(document) + "\n";
    }
}
