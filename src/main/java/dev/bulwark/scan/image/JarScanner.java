package dev.bulwark.scan.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the {@code META-INF/maven/**}{@code /pom.properties} files of a jar from a stream, following jars nested
 * in it (Spring Boot's {@code BOOT-INF/lib}, WARs' {@code WEB-INF/lib}) to a bounded depth. Never buffers a jar.
 */
final class JarScanner {
    private final ImageLimits limits;

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
        ZipInputStream zip = new ZipInputStream(InputStreams.nonClosing(in));
        ZipEntry e;
        while ((e = zip.getNextEntry()) != null) {
            String name = e.getName();
            if (e.isDirectory()) {
                continue;
            }
            if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                byte[] bytes = InputStreams.readBounded(zip, 1 << 20, path + "!/" + name);
                out.addAll(PackageFiles.pomProperties(bytes, path));
            } else if (PackageFiles.kind(name) == PackageFiles.Kind.JAR) {
                String nested = path + "!/" + name;
                if (depth + 1 > limits.maxJarDepth()) {
                    errors.accept(nested + ": jar nested deeper than " + limits.maxJarDepth() + " levels not read");
                    continue;
                }
                try {
                    scan(zip, nested, depth + 1, out, errors);
                } catch (IOException | IllegalArgumentException ex) {
                    // A broken nested jar spoils only itself: the outer zip stream is positioned by its own headers.
                    errors.accept(nested + ": unreadable jar (" + ex.getMessage() + ")");
                }
            }
        }
    }
}
