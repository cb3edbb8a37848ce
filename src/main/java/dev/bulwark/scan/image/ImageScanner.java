package dev.bulwark.scan.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the package inventory of a container image from a {@code docker save} / OCI archive (file or stream, e.g.
 * straight from an engine) or from an unpacked root file system. The result goes through the same matcher, dedup,
 * severity, ignore and reports as manifests ({@code ScanSession#scanImage}).
 *
 * <p>Memory stays bounded whatever the image size: layers are streamed once, only package record files (each
 * under {@link ImageLimits#maxMetadataBytes()}) are held, and executables are spilled one at a time to a private
 * temp file for build-info inspection.
 */
public final class ImageScanner {
    private final ImageLimits limits;

    public ImageScanner(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageScanner() {
        this(ImageLimits.DEFAULT);
    }

    /**
     * Reads an archive stream ({@code docker save} output or an OCI layout tar); the caller closes {@code archive}.
     *
     * @param source what to call it in the report
     * @param wanted tag or id to pick when the archive holds several images, or null for the first
     * @throws IOException when the archive as a whole is unreadable (a single bad layer is reported instead)
     */
    public ImageInventory scanArchive(InputStream archive, String source, String wanted) throws IOException {
        // Read ahead (8 x 1 MiB) so the engine's export and the parsing overlap instead of taking turns.
        try (BinarySpill spill = new BinarySpill(limits.maxBinaryBytes()); JarScanner jars = new JarScanner(limits);
             Prefetch ahead = new Prefetch(InputStreams.nonClosing(archive), 8, 1 << 20)) {
            return new ImageArchiveReader(limits, new LayerScanner(limits, spill, jars)).read(ahead, source, wanted);
        }
    }

    /** Reads an archive file, plain or gzip-compressed ({@code docker save | gzip}). */
    public ImageInventory scanArchive(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            byte[] magic = raw.readNBytes(2);
            raw.reset();
            InputStream in = InputStreams.isGzip(magic) ? new java.util.zip.GZIPInputStream(raw, 1 << 16) : raw;
            return scanArchive(in, file.toString(), null);
        }
    }

    /** Reads an unpacked root file system as a single layer named {@code rootfs}. */
    public ImageInventory scanRootfs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder");
        }
        try (BinarySpill spill = new BinarySpill(limits.maxBinaryBytes()); JarScanner jars = new JarScanner(limits)) {
            LayerContents layer = new RootfsReader(new LayerScanner(limits, spill, jars)).read(dir);
            return LayerMerger.merge(dir.toString(), null, List.of(new LayerMerger.OrderedLayer("rootfs", null, layer)));
        }
    }
}
