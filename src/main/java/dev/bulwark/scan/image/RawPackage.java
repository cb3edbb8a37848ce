package dev.bulwark.scan.image;

import dev.bulwark.scan.model.Ecosystem;

/**
 * A package read from one file of a layer, before the image's OS release and layer history are known.
 *
 * @param ecosystem the ecosystem
 * @param name      the advisory key (Debian/Alpine source package; normalised name otherwise)
 * @param version   the version advisories are written against (source version for Debian)
 * @param installed the installed package's own name and version when it differs from the key, else null
 * @param file      the file inside the image that records it (a jar inside a jar as {@code a.jar!/b.jar})
 */
record RawPackage(Ecosystem ecosystem, String name, String version, String installed, String file) {
}
