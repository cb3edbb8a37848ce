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
        return scanArchive(archive, source, wanted, -1, Progress.NONE);
    }

    /**
     * Reads an archive stream, telling {@code progress} as each layer blob starts and ends. Interrupting the
     * calling thread cancels: the scan stops at the next read with an {@link java.io.InterruptedIOException} (the
     * caller then closes {@code archive}, which aborts an engine's export).
     *
     * @param expectedLayers the image's layer count when the caller knows it (an engine's image inspect), else -1:
     *                       archives name their layers only in the manifest, which {@code docker save} writes last
     */
    public ImageInventory scanArchive(InputStream archive, String source, String wanted, int expectedLayers,
                                      Progress progress) throws IOException {
        // Read ahead (8 x 1 MiB) so the engine's export and the parsing overlap instead of taking turns.
        try (BinarySpill spill = new BinarySpill(limits.maxBinaryBytes()); JarScanner jars = new JarScanner(limits);
             Prefetch ahead = new Prefetch(InputStreams.nonClosing(archive), 8, 1 << 20)) {
            try {
                return new ImageArchiveReader(limits, new LayerScanner(limits, spill, jars), progress, expectedLayers)
                        .read(ahead, source, wanted);
            } catch (java.io.InterruptedIOException e) {
                // Cancelled: close the source now, before the read-ahead is joined, so a read-ahead thread parked
                // in a stalled engine's socket is released at once instead of after the join's timeout.
                archive.close();
                throw e;
            }
        }
    }

    /** Layer progress of one scan; called on the scanning thread. */
    public interface Progress {
        /** Tells nothing. */
        Progress NONE = new Progress() {
        };

        /**
         * A layer blob starts.
         *
         * @param done  layers read before it
         * @param total the layer count when known, else -1
         * @param layer the blob's name in the archive ({@code blobs/sha256/<hex>} or {@code <id>/layer.tar})
         */
        default void layerStarted(int done, int total, String layer) {
        }

        /** A layer blob was read; {@code done} counts it. */
        default void layerRead(int done, int total, String layer) {
        }

        /** {@code Reading layer 2 of 5 of image web:1: 0123456789ab} ({@code of 5} only when the total is known). */
        static String describe(int done, int total, String what, String layer) {
            return "Reading layer " + (done + 1) + (total > 0 ? " of " + total : "") + " of " + what + ": "
                    + shortName(layer);
        }

        /**
         * A blob name for people: the first 12 hex digits of {@code blobs/sha256/<hex>} or of {@code <hex>/layer.tar}
         * (legacy {@code docker save}), anything else as it is.
         */
        static String shortName(String layer) {
            String[] parts = layer.split("/");
            String hex = layer.startsWith("blobs/") && parts.length == 3 ? parts[2]
                    : parts.length == 2 && parts[1].equals("layer.tar") ? parts[0] : null;
            return hex != null && hex.length() >= 12 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                    ? hex.substring(0, 12) : layer;
        }
    }

    /** Reads an archive file, plain or gzip-compressed ({@code docker save | gzip}), or an OCI layout folder. */
    public ImageInventory scanArchive(Path file) throws IOException {
        return scanArchive(file, Progress.NONE);
    }

    /**
     * Reads an archive file, or an OCI image layout folder ({@code skopeo copy ... oci:DIR}), with layer progress;
     * interrupting the calling thread cancels.
     */
    public ImageInventory scanArchive(Path file, Progress progress) throws IOException {
        if (Files.isDirectory(file)) {
            try (BinarySpill spill = new BinarySpill(limits.maxBinaryBytes()); JarScanner jars = new JarScanner(limits)) {
                return new ImageArchiveReader(limits, new LayerScanner(limits, spill, jars), progress, -1)
                        .readLayout(file, file.toString(), null);
            }
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            byte[] magic = raw.readNBytes(2);
            raw.reset();
            InputStream in = InputStreams.isGzip(magic) ? new java.util.zip.GZIPInputStream(raw, 1 << 16) : raw;
            return scanArchive(in, file.toString(), null, -1, progress);
        }
    }

    /** Reads an unpacked root file system as a single layer named {@code rootfs}. */
    public ImageInventory scanRootfs(Path dir) throws IOException {
        return scanRootfs(dir, Progress.NONE);
    }

    /** Reads a root file system as one pseudo-layer with progress; interrupting the calling thread cancels. */
    public ImageInventory scanRootfs(Path dir, Progress progress) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder");
        }
        if (ImageArchiveReader.isLayout(dir)) {
            // Its blobs would be scanned as plain files and find nothing: say what it is instead of a clean report.
            throw new IOException(dir + ": an OCI image layout (oci-layout, index.json, blobs/), not a root file "
                    + "system: scan it as an image archive");
        }
        try (BinarySpill spill = new BinarySpill(limits.maxBinaryBytes()); JarScanner jars = new JarScanner(limits)) {
            progress.layerStarted(0, 1, "rootfs");
            LayerContents layer = new RootfsReader(new LayerScanner(limits, spill, jars)).read(dir);
            progress.layerRead(1, 1, "rootfs");
            return LayerMerger.merge(dir.toString(), null, List.of(new LayerMerger.OrderedLayer("rootfs", null, layer)));
        }
    }
}
