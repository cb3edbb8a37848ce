package dev.bulwark.scan.image.binary;

// placeholder: replaced by the binaries branch

/**
 * What a binary says it was built from. kind is "go" or "rust"; toolchain e.g. "go1.21.5" (Go) or null; main = main
 * module (name+version, version may be "(devel)") or null.
 */
public record BinaryInventory(String kind, String toolchain, BinaryModule main, java.util.List<BinaryModule> modules) {
}
