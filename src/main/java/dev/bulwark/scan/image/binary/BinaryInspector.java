package dev.bulwark.scan.image.binary;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/**
 * Reads what a compiled binary says it was built from, without running it: the build info of Go executables and
 * the {@code cargo auditable} dependency list of Rust executables. Works on ELF (32/64-bit, either byte order), PE
 * (Windows) and thin Mach-O files; universal ("fat") Mach-O files are not read.
 *
 * <p>All reads are positioned and bounded: header tables are read once, the data segment is scanned in 64 KiB
 * chunks, strings longer than their plausible maxima and zlib data inflating past 8 MiB are refused. Corrupt input
 * ends in an {@link IOException} whose message names the structure at fault; never in an unbounded allocation.
 */
public final class BinaryInspector {
    private BinaryInspector() {
    }

    /**
     * Cheap check on the first bytes (ELF/PE/Mach-O magic) to decide whether a file is worth inspecting.
     *
     * @param head the first bytes of the file (at least 4 to recognise anything)
     * @param len  how many bytes of {@code head} are valid
     */
    public static boolean looksExecutable(byte[] head, int len) {
        return ExecutableLayout.Magic.of(head, Math.min(len, head.length)) != ExecutableLayout.Magic.NONE;
    }

    /**
     * Reads Go build info (Go 1.18+ inline format and the older pointer-based format) or a cargo-auditable
     * {@code .dep-v0} section. Go build info wins when a file somehow carries both.
     *
     * @param file an open channel on the binary; its position is changed
     * @param size the file size in bytes (reads never go past it)
     * @return the inventory, or empty when the file is not an executable we read or carries no such data
     * @throws IOException when the file is corrupt or truncated (the message names the structure), or on I/O error
     */
    public static Optional<BinaryInventory> inspect(SeekableByteChannel file, long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("size " + size);
        }
        ByteSource src = new ByteSource(file, size);
        Optional<ExecutableLayout> layout = ExecutableLayout.read(src);
        if (layout.isEmpty()) {
            return Optional.empty();
        }
        Optional<GoBuildInfo.Raw> go = GoBuildInfo.read(src, layout.get());
        if (go.isPresent()) {
            return Optional.of(GoModInfo.parse(go.get().version(), go.get().modinfo()));
        }
        return CargoAuditable.read(src, layout.get());
    }
}
