package dev.bulwark.scan.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the {@code META-INF/maven/**}{@code /pom.properties} files of a jar, following jars nested in it (Spring
 * Boot's {@code BOOT-INF/lib}, WARs' {@code WEB-INF/lib}) to a bounded depth. The jar arrives as a stream; it is
 * copied to a private temp file (one per nesting level, reused, at most {@link ImageLimits#maxBinaryBytes()}) and
 * opened through its central directory, so only the entries wanted are read: a streaming zip reader would have to
 * inflate or crawl every entry, which costs several times the copy.
 */
final class JarScanner implements AutoCloseable {
    private final ImageLimits limits;
    private final List<Path> spills = new ArrayList<>();

    JarScanner(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * Scans the jar at {@code path}; {@code in} is left open. Problems in a nested jar are reported and the outer
     * jar continues.
     */
    void scan(InputStream in, String path, List<RawPackage> out, Consumer<String> errors) throws IOException {
        scan(in, path, 0, out, errors);
    }

    private void scan(InputStream in, String path, int depth, List<RawPackage> out, Consumer<String> errors)
            throws IOException {
        Path file = spill(depth);
        try (OutputStream os = Files.newOutputStream(file)) {
            long copied = in.transferTo(os);
            if (copied > limits.maxBinaryBytes()) {
                throw new InputStreams.OversizedException(path + ": jar over the " + (limits.maxBinaryBytes() >> 20)
                        + " MiB limit, not read");
            }
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    try (InputStream entry = zip.getInputStream(e)) {
                        byte[] bytes = InputStreams.readBounded(entry, 1 << 20, path + "!/" + name);
                        out.addAll(PackageFiles.pomProperties(bytes, path));
                    }
                } else if (PackageFiles.kind(name) == PackageFiles.Kind.JAR) {
                    nested(zip, e, path + "!/" + name, depth, out, errors);
                }
            }
        }
    }

    private void nested(ZipFile zip, ZipEntry e, String nested, int depth, List<RawPackage> out,
                        Consumer<String> errors) {
        if (depth + 1 > limits.maxJarDepth()) {
            errors.accept(nested + ": jar nested deeper than " + limits.maxJarDepth() + " levels not read");
            return;
        }
        try (InputStream entry = zip.getInputStream(e)) {
            scan(entry, nested, depth + 1, out, errors);
        } catch (IOException | RuntimeException ex) {
            // A broken nested jar spoils only itself.
            errors.accept(nested + ": unreadable jar (" + LayerScanner.message(ex) + ")");
        }
    }

    private Path spill(int depth) throws IOException {
        while (spills.size() <= depth) {
            spills.add(Files.createTempFile("bulwark-jar-", ".spill"));
        }
        return spills.get(depth);
    }

    @Override
    public void close() throws IOException {
        for (Path p : spills) {
            Files.deleteIfExists(p);
        }
        spills.clear();
    }
}
