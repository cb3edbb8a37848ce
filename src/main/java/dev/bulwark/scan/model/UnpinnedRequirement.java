package dev.bulwark.scan.model;

import java.nio.file.Path;

/**
 * A requirement without an exact version (e.g. {@code requests>=2}); listed as "unpinned — not checked",
 * never guessed.
 */
public record UnpinnedRequirement(Ecosystem ecosystem, String name, String specifier, Path file, int line) {
}
