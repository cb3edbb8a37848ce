package dev.bulwark.scan.image;

import dev.bulwark.scan.image.binary.BinaryInspector;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads one layer as a stream of entries and keeps only what the inventory needs ({@link LayerContents}). Entry
 * names are normalised inside the image root: absolute names are made relative, and names that climb out with
 * {@code ..} are refused. Symbolic links are never followed here. A problem with one file is reported and the layer
 * continues; a broken stream or an exceeded limit ends the layer, keeping what was read.
 */
final class LayerScanner {
    /** The kind of a layer entry. */
    enum Type { FILE, DIR, SYMLINK, OTHER }

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final int HEAD = 8;

    private final ImageLimits limits;
    private final JarScanner jars;
    private final BinarySpill spill;

    LayerScanner(ImageLimits limits, BinarySpill spill, JarScanner jars) {
        this.limits = limits;
        this.jars = jars;
        this.spill = spill;
    }

    /**
     * Reads a layer blob: an uncompressed or gzip-compressed tar, sniffed from its first bytes. {@code blob} must
     * support mark/reset for those bytes; it is read to the end of the tar, never closed.
     */
    LayerContents scanBlob(InputStream blob, String name) throws java.io.InterruptedIOException {
        LayerContents layer = new LayerContents(name);
        InputStreams.Counting raw = new InputStreams.Counting(blob);
        try {
            blob.mark(4);
            byte[] magic = blob.readNBytes(4);
            blob.reset();
            InputStream plain;
            boolean compressed;
            if (InputStreams.isGzip(magic)) {
                plain = new GZIPInputStream(raw, 1 << 16);
                compressed = true;
            } else if (InputStreams.isZstd(magic)) {
                // Named with its digest and media type once the manifest is known (ImageArchiveReader).
                layer.compression = "zstd";
                layer.complete = false;
                return layer;
            } else {
                plain = raw;
                compressed = false;
            }
            // A buffer only over inflated data (the tar reader reads 512-byte records, costly one by one from the
            // inflater); uncompressed layers are read straight from the archive stream, sparing a copy of every byte.
            Guarded guarded = new Guarded(plain, raw, compressed, name, limits);
            try {
                scanTar(compressed ? new BufferedInputStream(guarded, 1 << 16) : guarded, layer);
            } finally {
                layer.bytes = guarded.inflated();
            }
        } catch (java.io.InterruptedIOException e) {
            throw e; // cancelled: not a corrupt layer, the whole scan stops
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw cancelled(e);
            }
            layer.complete = false;
            layer.error("layer " + name + ": corrupt or refused after " + layer.entries + " entries: " + message(e)
                    + "; the rest of this layer was not scanned", limits.maxErrorsPerLayer());
        }
        return layer;
    }

    /** The scan was cancelled (its thread interrupted) while {@code cause} happened. */
    static java.io.InterruptedIOException cancelled(Exception cause) {
        java.io.InterruptedIOException e = new java.io.InterruptedIOException("image scan cancelled");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private void scanTar(InputStream in, LayerContents layer) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry e;
        byte[] drain = new byte[1 << 16];
        while ((e = nextEntry(tar, drain)) != null) {
            if (++layer.entries > limits.maxEntriesPerLayer()) {
                throw new IOException("more than " + limits.maxEntriesPerLayer() + " entries (tar bomb?)");
            }
            Type type = e.isDirectory() ? Type.DIR : e.isSymbolicLink() ? Type.SYMLINK
                    : e.isFile() && !e.isLink() ? Type.FILE : Type.OTHER;
            entry(layer, e.getName(), type, e.getSize(), e.getMode(), e.getLinkName(), tar);
        }
    }

    /**
     * The next entry, after reading what is left of the current one in large blocks: the tar reader's own skip goes
     * through commons-io in 2 KiB reads, a quarter of a million calls per 500 MB.
     */
    static TarArchiveEntry nextEntry(TarArchiveInputStream tar, byte[] drain) throws IOException {
        if (tar.getCurrentEntry() != null) {
            while (tar.read(drain, 0, drain.length) > 0) {
                // discard
            }
        }
        return tar.getNextEntry();
    }

    /**
     * Handles one entry; {@code content} is positioned at its data (only read for recognised files).
     * Package-private so the root-file-system reader feeds the same logic.
     */
    void entry(LayerContents layer, String rawName, Type type, long size, int mode, String link, InputStream content)
            throws IOException {
        if (rawName.length() > limits.maxPathLength()) {
            layer.error("layer " + layer.name + ": entry name of " + rawName.length() + " characters refused",
                    limits.maxErrorsPerLayer());
            return;
        }
        String path = normalise(rawName);
        if (path == null) {
            layer.error("layer " + layer.name + ": entry '" + printable(rawName)
                    + "' climbs out of the image root (path traversal); refused", limits.maxErrorsPerLayer());
            return;
        }
        if (path.isEmpty()) {
            return;
        }
        int slash = path.lastIndexOf('/');
        String base = path.substring(slash + 1);
        String dir = slash < 0 ? "" : path.substring(0, slash);
        if (base.startsWith(WHITEOUT)) {
            if (base.equals(OPAQUE)) {
                layer.opaqueDirs.add(dir);
            } else {
                layer.whiteouts.add(dir.isEmpty() ? base.substring(WHITEOUT.length())
                        : dir + "/" + base.substring(WHITEOUT.length()));
            }
            return;
        }
        PackageFiles.Kind kind = PackageFiles.kind(path);
        if (type == Type.SYMLINK) {
            if (kind == PackageFiles.Kind.OS_RELEASE) {
                layer.files.put(path, new LayerContents.FoundFile(path, List.of(), null, link));
            }
            return;
        }
        if (type != Type.FILE) {
            return;
        }
        try {
            switch (kind) {
                case NONE -> binary(layer, path, size, mode, content);
                case JAR -> {
                    List<RawPackage> found = new ArrayList<>();
                    jars.scan(content, path, found, m -> layer.error("layer " + layer.name + ": " + m,
                            limits.maxErrorsPerLayer()));
                    put(layer, path, found);
                }
                case OS_RELEASE -> {
                    byte[] bytes = InputStreams.readBounded(content, 64 << 10, path);
                    layer.files.put(path, new LayerContents.FoundFile(path, List.of(),
                            new String(bytes, java.nio.charset.StandardCharsets.UTF_8), null));
                }
                default -> {
                    byte[] bytes = InputStreams.readBounded(content, limits.maxMetadataBytes(), path);
                    put(layer, path, PackageFiles.read(kind, path, bytes));
                }
            }
        } catch (InputStreams.OversizedException ex) {
            layer.error("layer " + layer.name + ": " + ex.getMessage(), limits.maxErrorsPerLayer());
        } catch (Guarded.RefusedException | Guarded.StreamFailure ex) {
            throw ex;
        } catch (IOException | RuntimeException ex) {
            layer.error("layer " + layer.name + ": " + path + ": unreadable (" + message(ex) + ")",
                    limits.maxErrorsPerLayer());
        }
    }

    private void binary(LayerContents layer, String path, long size, int mode, InputStream content)
            throws IOException {
        // Go and cargo-auditable binaries are executables; the exec bit spares reading every shared library.
        if ((mode & 0111) == 0 || size < 1024) {
            return;
        }
        byte[] head = new byte[HEAD];
        int n = content.readNBytes(head, 0, HEAD);
        if (!BinaryInspector.looksExecutable(head, n)) {
            return;
        }
        put(layer, path, spill.inspect(path, head, n, content, size));
    }

    private static void put(LayerContents layer, String path, List<RawPackage> packages) {
        // Even an empty result is kept: the file's presence replaces the lower layers' version of it.
        layer.files.put(path, new LayerContents.FoundFile(path, List.copyOf(packages), null, null));
    }

    /** Normalises a tar name inside the root: "" for the root itself, null when it climbs out with "..". */
    static String normalise(String raw) {
        List<String> parts = new ArrayList<>();
        for (String s : raw.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                return null;
            }
            parts.add(s);
        }
        return String.join("/", parts);
    }

    static String printable(String s) {
        String cut = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
