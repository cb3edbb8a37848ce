package dev.bulwark.scan.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One resolved package found in a manifest or an image.
 *
 * @param ecosystem    the OSV ecosystem
 * @param name         the name normalised per ecosystem (PEP 503 for PyPI, module path for Go, source package for
 *                     Debian and Alpine, ...)
 * @param version      the exact installed/locked version as written (Go keeps its {@code v} prefix)
 * @param file         the manifest it came from, or the file inside an image that records it
 * @param line         1-based line in {@code file}, or 0 when the format has no useful line
 * @param relationship direct/transitive when the format tells
 * @param dev          true for development-only dependencies when the format tells
 * @param release      the distribution release for OS ecosystems ({@code "12"} for {@code Debian:12},
 *                     {@code "v3.19"} for {@code Alpine:v3.19}), null otherwise
 * @param origin       where in an image the package was found, null for manifests
 */
public record PackageRef(Ecosystem ecosystem, String name, String version, Path file, int line,
                         Relationship relationship, boolean dev, String release, ImageOrigin origin) {
    public PackageRef {
        Objects.requireNonNull(ecosystem, "ecosystem");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(relationship, "relationship");
        if (line < 0) {
            throw new IllegalArgumentException("line < 0: " + line);
        }
    }

    /** A package declared in a manifest (no release, no image origin). */
    public PackageRef(Ecosystem ecosystem, String name, String version, Path file, int line,
                      Relationship relationship, boolean dev) {
        this(ecosystem, name, version, file, line, relationship, dev, null, null);
    }

    /** The OSV ecosystem string with its release when there is one, e.g. {@code Debian:12}. */
    public String osvEcosystem() {
        return release == null ? ecosystem.osvName() : ecosystem.osvName() + ":" + release;
    }

    /** {@code ecosystem/name@version}, for messages. */
    public String coordinates() {
        return osvEcosystem() + "/" + name + "@" + version;
    }

    /** The same package at another file (e.g. made relative for the report). */
    public PackageRef withFile(Path newFile) {
        return new PackageRef(ecosystem, name, version, newFile, line, relationship, dev, release, origin);
    }
}
