package dev.bulwark.scan.image.binary;

// placeholder: replaced by the binaries branch

/** A module compiled into a binary. */
public record BinaryModule(String name, String version) {
}
