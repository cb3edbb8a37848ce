package dev.bulwark.scan.image.binary;

// placeholder: replaced by the binaries branch

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/** Reads the build information compiled into Go and Rust binaries. */
public final class BinaryInspector {
    private BinaryInspector() {
    }

    /** Cheap check on the first bytes (ELF/PE/Mach-O magic) to decide whether a file is worth inspecting. */
    public static boolean looksExecutable(byte[] head, int len) {
        return len >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    /**
     * Reads Go build info (both formats) or a cargo-auditable .dep-v0 section; empty when the file carries none.
     * Bounded reads only; throws IOException with a clear message on corrupt input.
     */
    public static Optional<BinaryInventory> inspect(SeekableByteChannel file, long size) throws IOException {
        return Optional.empty();
    }
}
