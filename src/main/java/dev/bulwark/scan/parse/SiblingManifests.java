package dev.bulwark.scan.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads the project manifest that sits beside a lockfile to learn which locked packages are direct
 * dependencies. Under the same size and depth limits as lockfiles; a missing sibling simply means
 * "unknown", a broken one is named in a note and the lockfile is still reported.
 */
final class SiblingManifests {
    private final Parsing parsing;

    SiblingManifests(Parsing parsing) {
        this.parsing = parsing;
    }

    /** {@code package.json}: dependencies, optional and peer as runtime; devDependencies as dev. */
    Optional<DirectDeps> packageJson(Path lockfile, ParseSink sink) {
        return read(lockfile.resolveSibling("package.json"), parsing.json(), sink).flatMap(root -> {
            if (root.has("workspaces")) {
                sink.note("package.json declares workspaces; direct dependencies of workspace packages are not "
                        + "told apart, so relationships are left unknown");
                return Optional.empty();
            }
            Map<String, String> runtime = new HashMap<>();
            Map<String, String> dev = new HashMap<>();
            for (String f : List.of("dependencies", "optionalDependencies", "peerDependencies")) {
                collect(root.path(f), runtime, UnaryOperator.identity());
            }
            collect(root.path("devDependencies"), dev, UnaryOperator.identity());
            return Optional.of(new DirectDeps(lockfile.resolveSibling("package.json"), runtime, dev));
        });
    }

    /** {@code composer.json}: require and require-dev, without {@code php} and extensions. */
    Optional<DirectDeps> composerJson(Path lockfile, ParseSink sink) {
        return read(lockfile.resolveSibling("composer.json"), parsing.json(), sink).map(root -> {
            Map<String, String> runtime = new HashMap<>();
            Map<String, String> dev = new HashMap<>();
            collect(root.path("require"), runtime, n -> n.toLowerCase(Locale.ROOT));
            collect(root.path("require-dev"), dev, n -> n.toLowerCase(Locale.ROOT));
            runtime.keySet().removeIf(n -> !n.contains("/"));
            dev.keySet().removeIf(n -> !n.contains("/"));
            return new DirectDeps(lockfile.resolveSibling("composer.json"), runtime, dev);
        });
    }

    /** {@code Pipfile}: [packages] and [dev-packages]. */
    Optional<DirectDeps> pipfile(Path lockfile, ParseSink sink) {
        return read(lockfile.resolveSibling("Pipfile"), parsing.toml(), sink).map(root -> {
            Map<String, String> runtime = new HashMap<>();
            Map<String, String> dev = new HashMap<>();
            collect(root.path("packages"), runtime, Parsing::pep503);
            collect(root.path("dev-packages"), dev, Parsing::pep503);
            return new DirectDeps(lockfile.resolveSibling("Pipfile"), runtime, dev);
        });
    }

    /**
     * {@code pyproject.toml}: Poetry's {@code [tool.poetry.dependencies]}, dev-dependencies and groups,
     * and PEP 621 {@code [project]} dependencies, optional dependencies and PEP 735 dependency groups.
     */
    Optional<DirectDeps> pyproject(Path lockfile, ParseSink sink) {
        return read(lockfile.resolveSibling("pyproject.toml"), parsing.toml(), sink).map(root -> {
            Map<String, String> runtime = new HashMap<>();
            Map<String, String> dev = new HashMap<>();
            JsonNode poetry = root.path("tool").path("poetry");
            collect(poetry.path("dependencies"), runtime, Parsing::pep503);
            runtime.remove("python");
            collect(poetry.path("dev-dependencies"), dev, Parsing::pep503);
            poetry.path("group").fields().forEachRemaining(g ->
                    collect(g.getValue().path("dependencies"), g.getKey().equals("main") ? runtime : dev, Parsing::pep503));
            JsonNode project = root.path("project");
            pep508(project.path("dependencies"), runtime);
            project.path("optional-dependencies").forEach(list -> pep508(list, runtime));
            root.path("dependency-groups").forEach(list -> pep508(list, dev));
            return new DirectDeps(lockfile.resolveSibling("pyproject.toml"), runtime, dev);
        });
    }

    private Optional<JsonNode> read(Path file, ObjectMapper mapper, ParseSink sink) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = mapper.readTree(ManifestInput.read(file, parsing.limits()).bytes());
            return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
        } catch (IOException | ManifestFormatException e) {
            sink.note(file.getFileName() + " beside the lockfile could not be read (" + e.getMessage()
                    + "); direct dependencies are unknown");
            return Optional.empty();
        }
    }

    private static void collect(JsonNode table, Map<String, String> into, UnaryOperator<String> normalise) {
        table.fields().forEachRemaining(e -> into.put(normalise.apply(e.getKey()),
                e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    }

    private static void pep508(JsonNode list, Map<String, String> into) {
        if (list.isArray()) {
            list.forEach(item -> {
                if (item.isTextual()) {
                    RequirementLine.parse(item.asText()).ifPresent(r -> into.put(r.name(), r.specifier()));
                }
            });
        }
    }
}
