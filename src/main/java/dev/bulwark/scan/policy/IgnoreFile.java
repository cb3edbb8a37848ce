package dev.bulwark.scan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.scan.model.ScanError;
import dev.bulwark.util.AppPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ignore file:
 * <pre>
 * ignore:
 *   - id: CVE-2018-18074
 *     reason: only talks to our own hosts
 *     expires: 2026-12-31   # optional
 * </pre>
 * A top-level list of entries is accepted too. Bad entries are reported (file and entry named) and skipped;
 * the valid ones still apply.
 */
public final class IgnoreFile {
    /** Default name looked for at the scan root. */
    public static final String DEFAULT_NAME = ".bulwark-ignore.yaml";
    /** Name of the per-user ignore file for image scans, in the config folder (an image has no project folder). */
    public static final String IMAGE_FILE_NAME = "image-ignore.yaml";
    private static final String SOURCE = "ignore-file";

    /**
     * The loaded rules and the problems found.
     *
     * @param rules  valid entries
     * @param errors problems, each naming the file and entry
     */
    public record Loaded(List<IgnoreRule> rules, List<ScanError> errors) {
        public Loaded {
            rules = List.copyOf(rules);
            errors = List.copyOf(errors);
        }

        public static Loaded empty() {
            return new Loaded(List.of(), List.of());
        }
    }

    /**
     * The per-user ignore file the GUI's image scans read and its "Ignore" writes: {@code <config>/image-ignore.yaml}.
     * The CLI reads it only when named with {@code --ignore-file}.
     */
    public static Path forImages(AppPaths paths) {
        return paths.config().resolve(IMAGE_FILE_NAME);
    }

    /** The rules of {@code file} when it exists; none (and no error) when it does not exist yet. */
    public Loaded loadIfPresent(Path file) {
        return file != null && Files.exists(file) ? load(file) : Loaded.empty();
    }

    /** Loads {@code file}; a missing or unreadable file is an error in the result, never an exception. */
    public Loaded load(Path file) {
        List<ScanError> errors = new ArrayList<>();
        List<IgnoreRule> rules = new ArrayList<>();
        JsonNode root;
        try {
            if (Files.size(file) > 1 << 20) {
                return new Loaded(rules, List.of(new ScanError(file, 0, SOURCE, "ignore file larger than 1 MiB")));
            }
            root = Yaml.read(file);
        } catch (IOException e) {
            return new Loaded(rules, List.of(new ScanError(file, 0, SOURCE, "cannot read ignore file: "
                    + e.getMessage().lines().findFirst().orElse(""))));
        }
        JsonNode entries = root == null ? null : root.isArray() ? root : root.get("ignore");
        if (entries == null || !entries.isArray()) {
            errors.add(new ScanError(file, 0, SOURCE, "expected a list under \"ignore:\""));
            return new Loaded(rules, errors);
        }
        int index = 0;
        for (JsonNode e : entries) {
            index++;
            String where = "entry " + index;
            String id = e.path("id").asText("").trim();
            String reason = e.path("reason").asText("").trim();
            if (id.isEmpty()) {
                errors.add(new ScanError(file, 0, SOURCE, where + ": missing \"id\""));
                continue;
            }
            if (reason.isEmpty()) {
                errors.add(new ScanError(file, 0, SOURCE, where + " (" + id + "): \"reason\" is required"));
                continue;
            }
            LocalDate expires = null;
            if (e.hasNonNull("expires")) {
                try {
                    expires = LocalDate.parse(e.get("expires").asText().trim());
                } catch (DateTimeParseException ex) {
                    errors.add(new ScanError(file, 0, SOURCE, where + " (" + id + "): \"expires\" is not a date "
                            + "(YYYY-MM-DD): " + e.get("expires").asText()));
                    continue;
                }
            }
            rules.add(new IgnoreRule(id, reason, expires));
        }
        return new Loaded(rules, errors);
    }

    /**
     * The YAML reader, a class of its own and built per file: a scan without an ignore file loads no Jackson class
     * (verifying {@code load} would otherwise load the mapper's types).
     */
    private static final class Yaml {
        private Yaml() {
        }

        static JsonNode read(Path file) throws IOException {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        }
    }
}
