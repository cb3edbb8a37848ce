package dev.bulwark.scan.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One resolved package found in a manifest.
 *
 * @param ecosystem    the OSV ecosystem
 * @param name         the name normalised per ecosystem (PEP 503 for PyPI, module path for Go, ...)
 * @param version      the exact installed/locked version as written (Go keeps its {@code v} prefix)
 * @param file         the manifest it came from
 * @param line         1-based line in {@code file}, or 0 when the format has no useful line
 * @param relationship direct/transitive when the format tells
 * @param dev          true for development-only dependencies when the format tells
 */
public record PackageRef(Ecosystem ecosystem, String name, String version, Path file, int line,
                         Relationship relationship, boolean dev) {
    public PackageRef {
        Objects.requireNonNull(ecosystem, "ecosystem");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(relationship, "relationship");
        if (line < 0) {
            throw new IllegalArgumentException("line < 0: " + line);
        }
    }

    /** {@code ecosystem/name@version}, for messages. */
    public String coordinates() {
        return ecosystem.osvName() + "/" + name + "@" + version;
    }
}
