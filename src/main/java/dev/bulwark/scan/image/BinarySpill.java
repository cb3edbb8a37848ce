package dev.bulwark.scan.image;

import dev.bulwark.scan.image.binary.BinaryInspector;
import dev.bulwark.scan.image.binary.BinaryInventory;
import dev.bulwark.scan.image.binary.BinaryModule;
import dev.bulwark.scan.model.Ecosystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Gives {@link BinaryInspector} random access to an executable that arrives as a stream: the file is copied to one
 * private temp file (at most {@link ImageLimits#maxBinaryBytes()}), inspected, and the temp file truncated; one of
 * at most 4 MiB is read into a reused buffer instead, and never touches the disk. The inspector reads only header
 * tables and named sections, so it runs on every executable; the markers it looks for (Go's build-info magic, the
 * name of cargo-auditable's {@code .dep-v0} section) are only searched when it fails, to tell a broken file that
 * claims build info (reported) from one that has none (ignored).
 * One instance per scanning thread; {@link #close()} deletes the temp file.
 */
final class BinarySpill implements AutoCloseable {
    private static final String GO_MAGIC = "\u00ff Go buildinf:";
    private static final String RUST_SECTION = ".dep-v0";
    private static final int CHUNK = 1 << 16;

    private final long maxBytes;
    private final int inMemory;
    /** Executables up to this size are inspected from memory, never written to the temp file. */
    private static final int IN_MEMORY = 4 << 20;

    private final byte[] buf = new byte[CHUNK + 64];
    private byte[] memory = new byte[0];
    private Path file;
    private FileChannel channel;

    BinarySpill(long maxBytes) {
        this(maxBytes, IN_MEMORY);
    }

    /** With the size up to which executables are inspected from memory (tests force the temp-file path with 0). */
    BinarySpill(long maxBytes, int inMemory) {
        this.maxBytes = maxBytes;
        this.inMemory = inMemory;
    }

    /**
     * Copies {@code in} ({@code head} already read from it) and returns its modules; empty when it carries no build
     * info. A file over the size limit is reported by the exception and not inspected.
     */
    List<RawPackage> inspect(String path, byte[] head, int headLen, InputStream in, long size) throws IOException {
        if (size > maxBytes) {
            throw new InputStreams.OversizedException(path + ": executable of " + (size >> 20) + " MiB is over the "
                    + (maxBytes >> 20) + " MiB limit; its build info was not read");
        }
        if (size <= inMemory) {
            return inMemory(path, head, headLen, in, (int) size);
        }
        FileChannel ch = channel();
        ch.truncate(0);
        ch.position(0);
        ByteBuffer first = ByteBuffer.wrap(head, 0, headLen);
        while (first.hasRemaining()) {
            ch.write(first);
        }
        for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
            ByteBuffer out = ByteBuffer.wrap(buf, 0, n);
            while (out.hasRemaining()) {
                ch.write(out);
            }
        }
        long written = ch.size();
        return inspected(path, ch, written, () -> spilledHasMarker(ch, written));
    }

    /**
     * A small executable (most of an image's: shells, coreutils, libraries) is read into one reused buffer instead
     * of being written to the temp file: most carry no build info, and for those the write was pure cost.
     */
    private List<RawPackage> inMemory(String path, byte[] head, int headLen, InputStream in, int size)
            throws IOException {
        if (memory.length < Math.max(size, headLen)) {
            memory = new byte[Math.max(Math.max(size, headLen), Math.min(inMemory, memory.length * 2))];
        }
        System.arraycopy(head, 0, memory, 0, headLen);
        int filled = headLen + in.readNBytes(memory, headLen, Math.max(0, size - headLen));
        // The inspector's reads are bounded by the size given, so the reused buffer's stale tail is never read.
        try (SeekableByteChannel ch = new SeekableInMemoryByteChannel(memory)) {
            return inspected(path, ch, filled, () -> hasMarker(memory, 0, filled));
        }
    }

    /**
     * Inspects the executable straight away: the inspector reads only the header tables and the sections it names
     * (microseconds), where searching every byte for a marker first cost more than the whole inspection. Results are
     * exactly those of searching first: build info is only ever found where its marker is, and a file the inspector
     * cannot make sense of is only reported when it carries a marker (a broken or exotic executable with no build
     * info is no finding, as before).
     */
    private static List<RawPackage> inspected(String path, SeekableByteChannel ch, long size, MarkerCheck marked)
            throws IOException {
        try {
            return BinaryInspector.inspect(ch, size).map(i -> packages(i, path)).orElse(List.of());
        } catch (IOException e) {
            if (!marked.test()) {
                return List.of();
            }
            throw e;
        }
    }

    /** Whether the spilled file holds a marker; only asked when its inspection failed. */
    private boolean spilledHasMarker(FileChannel ch, long size) throws IOException {
        // Keep the last bytes of the previous chunk in front, so a marker split across chunks is still found.
        int carry = 0;
        for (long at = 0; at < size; ) {
            ByteBuffer into = ByteBuffer.wrap(buf, carry, buf.length - carry);
            int n = ch.read(into, at);
            if (n <= 0) {
                break;
            }
            at += n;
            if (hasMarker(buf, 0, carry + n)) {
                return true;
            }
            int kept = Math.min(16, carry + n);
            System.arraycopy(buf, carry + n - kept, buf, 0, kept);
            carry = kept;
        }
        return false;
    }

    @FunctionalInterface
    private interface MarkerCheck {
        boolean test() throws IOException;
    }

    static List<RawPackage> packages(BinaryInventory inv, String path) {
        List<RawPackage> out = new ArrayList<>();
        if ("go".equals(inv.kind())) {
            if (inv.main() != null && usable(inv.main().version())) {
                out.add(new RawPackage(Ecosystem.GO, inv.main().name(), inv.main().version(), null, path));
            }
            for (BinaryModule m : inv.modules()) {
                if (usable(m.version())) {
                    out.add(new RawPackage(Ecosystem.GO, m.name(), m.version(), null, path));
                }
            }
            String toolchain = inv.toolchain();
            if (toolchain != null && toolchain.startsWith("go1")) {
                // "go1.21.5 X:boringcrypto" -> 1.21.5: OSV spells stdlib versions without the go prefix.
                out.add(new RawPackage(Ecosystem.GO, "stdlib", toolchain.substring(2).split("\\s")[0], null, path));
            }
        } else if ("rust".equals(inv.kind())) {
            // The root package too, as osv-scanner and cargo audit report it: a binary crate published on
            // crates.io (a CLI installed with cargo install) can have advisories of its own.
            List<BinaryModule> all = new ArrayList<>();
            if (inv.main() != null) {
                all.add(inv.main());
            }
            all.addAll(inv.modules());
            for (BinaryModule m : all) {
                if (usable(m.version())) {
                    out.add(new RawPackage(Ecosystem.CRATES_IO, m.name(), m.version(), null, path));
                }
            }
        }
        return out;
    }

    private static boolean usable(String version) {
        return version != null && !version.isBlank() && !"(devel)".equals(version);
    }

    /** Whether {@code data[from, to)} holds a marker; in slices, so a large buffer is never copied whole. */
    static boolean hasMarker(byte[] data, int from, int to) {
        for (int at = from; at < to; at += CHUNK) {
            // Overlap the next slice by a marker's length, so a marker across the boundary is still found.
            int end = Math.min(to, at + CHUNK + GO_MAGIC.length());
            // A Latin-1 string over the bytes: String.indexOf is a vectorised intrinsic, many times faster than a loop.
            String chunk = new String(data, at, end - at, StandardCharsets.ISO_8859_1);
            if (chunk.contains(GO_MAGIC) || chunk.contains(RUST_SECTION)) {
                return true;
            }
        }
        return false;
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            file = Files.createTempFile("bulwark-binary-", ".spill");
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            Files.deleteIfExists(file);
            channel = null;
        }
    }
}
