package dev.bulwark.scan.model;

/**
 * Where a package was found inside a container image.
 *
 * @param layer     the digest of the layer that introduced the version found ({@code sha256:...}, the diff id
 *                  when the image config names it), or a name such as {@code rootfs} for a plain directory
 * @param createdBy the image history's {@code created_by} command of that layer, or null when unknown
 * @param installed the installed package's own name and version when the advisory key differs (a Debian binary
 *                  package of the source package {@code name}, e.g. {@code libssl3 3.0.11-1~deb12u2}), else null
 */
public record ImageOrigin(String layer, String createdBy, String installed) {
}
