package dev.bulwark.scan.image.binary;

import java.util.Objects;

/**
 * A module compiled into a binary, as the binary records it.
 *
 * @param name    the module path (Go) or crate name (Rust)
 * @param version the version exactly as recorded: Go versions keep their leading {@code v} (e.g. {@code v0.3.7}),
 *                the main module of a Go binary built from a checkout is {@code (devel)}, and so is (for current
 *                Go toolchains) a Go dependency replaced by a local directory
 */
public record BinaryModule(String name, String version) {
    public BinaryModule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }
}
