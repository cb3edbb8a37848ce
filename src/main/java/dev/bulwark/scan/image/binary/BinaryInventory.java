package dev.bulwark.scan.image.binary;

import java.util.List;
import java.util.Objects;

/**
 * What a binary says it was built from.
 *
 * @param kind      {@code "go"} or {@code "rust"}
 * @param toolchain the Go toolchain as recorded, e.g. {@code go1.21.5} (may carry suffixes such as
 *                  {@code " X:boringcrypto"}); {@code null} for Rust, whose audit data does not record the compiler
 * @param main      the main module (Go {@code mod} line, Rust root package), or {@code null} when the binary names
 *                  none (e.g. a Go program built outside any module)
 * @param modules   the other modules linked in, in the order the binary lists them (never the main module)
 */
public record BinaryInventory(String kind, String toolchain, BinaryModule main, List<BinaryModule> modules) {
    /** {@link #kind()} of a Go binary. */
    public static final String GO = "go";
    /** {@link #kind()} of a Rust binary built with {@code cargo auditable}. */
    public static final String RUST = "rust";

    public BinaryInventory {
        Objects.requireNonNull(kind, "kind");
        modules = List.copyOf(modules);
    }
}
