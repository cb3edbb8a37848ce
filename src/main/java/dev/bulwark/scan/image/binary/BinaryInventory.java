package dev.bulwark.scan.image.binary;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern GO_RELEASE = Pattern.compile("go(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:(rc|beta)(\\d+))?");

    public BinaryInventory {
        Objects.requireNonNull(kind, "kind");
        modules = List.copyOf(modules);
    }

    /**
     * The Go standard library's version in the semantic-version form the Go vulnerability database uses for the
     * {@code stdlib} module: {@code go1.21.5} → {@code 1.21.5}, {@code go1.20} → {@code 1.20.0},
     * {@code go1.21rc2} → {@code 1.21.0-rc.2}; suffixes after a space ({@code " X:boringcrypto"}) are ignored.
     *
     * @return the version, or {@code null} for Rust binaries and for toolchains that are not a release
     *         (e.g. {@code devel go1.23-abc123}), whose standard library cannot be placed on a version line
     */
    public String stdlibVersion() {
        if (!GO.equals(kind) || toolchain == null) {
            return null;
        }
        String first = toolchain.strip().split(" ", 2)[0];
        Matcher m = GO_RELEASE.matcher(first);
        if (!m.matches()) {
            return null;
        }
        String v = m.group(1) + "." + m.group(2) + "." + (m.group(3) == null ? "0" : m.group(3));
        return m.group(4) == null ? v : v + "-" + m.group(4) + "." + m.group(5);
    }
}
