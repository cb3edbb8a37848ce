/**
 * Reads the dependency inventory that compiled binaries carry about themselves, for image scanning: Go build info
 * (toolchain, main module, dependencies with replacements applied) and Rust {@code cargo auditable} data.
 * Pure parsing of ELF, PE and Mach-O structures with bounded reads; no UI, no processes, no network.
 * Entry point: {@link dev.bulwark.scan.image.binary.BinaryInspector}.
 */
package dev.bulwark.scan.image.binary;
