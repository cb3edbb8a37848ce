package dev.bulwark.scan.parse;

import dev.bulwark.scan.model.Relationship;
import java.nio.file.Path;
import java.util.Map;

/**
 * The direct dependencies a project manifest declares next to its lockfile (package.json beside
 * yarn.lock, pyproject.toml beside poetry.lock, ...), keyed by normalised name, valued by the
 * requested range as written.
 *
 * @param source  the manifest they were read from
 * @param runtime runtime (and optional/peer) dependencies
 * @param dev     development-only dependency groups
 */
record DirectDeps(Path source, Map<String, String> runtime, Map<String, String> dev) {
    DirectDeps {
        runtime = Map.copyOf(runtime);
        dev = Map.copyOf(dev);
    }

    boolean isDirect(String name) {
        return runtime.containsKey(name) || dev.containsKey(name);
    }

    /** DIRECT or TRANSITIVE by {@code deps}, or UNKNOWN when there is no sibling manifest. */
    static Relationship relationship(DirectDeps deps, String name) {
        return deps == null ? Relationship.UNKNOWN : deps.isDirect(name) ? Relationship.DIRECT : Relationship.TRANSITIVE;
    }

    /** Declared only among development dependencies. */
    boolean isDevOnly(String name) {
        return dev.containsKey(name) && !runtime.containsKey(name);
    }
}
