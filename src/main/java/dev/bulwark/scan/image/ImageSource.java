package dev.bulwark.scan.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What image to scan: an image on an engine (tag or id), an archive ({@code docker save} or an OCI layout tar,
 * plain or gzip, or an OCI layout folder) or an unpacked root file system. Shared by {@code scan --image/--image-archive/--rootfs}
 * and the Vulnerabilities view.
 *
 * @param kind  which of the three
 * @param value the reference, or the file or folder path
 */
public record ImageSource(Kind kind, String value) {
    /** The three kinds of image target. */
    public enum Kind { IMAGE, ARCHIVE, ROOTFS }

    public ImageSource {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(value);
        if (value.isBlank()) {
            throw new IllegalArgumentException("an image target needs a " + (kind == Kind.IMAGE ? "reference" : "path"));
        }
    }

    /** {@code image nginx:1.25}, {@code image archive /tmp/app.tar}, {@code root file system /mnt/rootfs}. */
    public String describe() {
        return switch (kind) {
            case IMAGE -> "image " + value;
            case ARCHIVE -> "image archive " + value;
            case ROOTFS -> "root file system " + value;
        };
    }

    /**
     * Reads the image with layer progress; interrupting the calling thread cancels.
     *
     * @param engines where {@link Kind#IMAGE} references are exported from (unused for files)
     * @throws IOException one line naming the target when it cannot be read at all
     */
    public ImageInventory read(ImageScanner scanner, ImageExporter engines, ImageScanner.Progress progress)
            throws IOException {
        return switch (kind) {
            case IMAGE -> engines.scan(value, scanner, progress);
            case ARCHIVE -> {
                Path file = Path.of(value);
                if (!Files.isRegularFile(file) && !Files.isDirectory(file)) {
                    throw new IOException("no such image archive: " + file);
                }
                yield scanner.scanArchive(file, progress);
            }
            case ROOTFS -> scanner.scanRootfs(Path.of(value), progress);
        };
    }
}
