package dev.bulwark.scan.match;

import dev.bulwark.scan.model.ImageOrigin;
import dev.bulwark.scan.model.PackageRef;
import dev.bulwark.scan.model.Relationship;
import java.nio.file.Path;

/**
 * Where a vulnerable package was declared.
 *
 * @param file         manifest file, or the file inside an image (may be null for packages given programmatically)
 * @param line         1-based line or 0
 * @param relationship direct/transitive when known
 * @param dev          development-only dependency
 * @param origin       the image layer that introduced it, null for manifests
 */
public record Location(Path file, int line, Relationship relationship, boolean dev, ImageOrigin origin) {
    /** A manifest location. */
    public Location(Path file, int line, Relationship relationship, boolean dev) {
        this(file, line, relationship, dev, null);
    }

    public static Location of(PackageRef p) {
        return new Location(p.file(), p.line(), p.relationship(), p.dev(), p.origin());
    }
}
