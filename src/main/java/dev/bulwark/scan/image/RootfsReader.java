package dev.bulwark.scan.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Reads an unpacked root file system folder as one pseudo-layer, through the same {@link LayerScanner} logic as
 * layers. Symbolic links are never followed (the walk does not, and files are opened with {@code NOFOLLOW_LINKS}),
 * so a link to {@code /etc/shadow} or out of the folder is never read; only os-release links are resolved, inside
 * the folder.
 */
final class RootfsReader {
    private final LayerScanner scanner;

    RootfsReader(LayerScanner scanner) {
        this.scanner = scanner;
    }

    LayerContents read(Path root) throws IOException {
        LayerContents layer = new LayerContents("rootfs");
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (Thread.currentThread().isInterrupted()) {
                    throw LayerScanner.cancelled(null);
                }
                String rel = root.relativize(file).toString().replace('\\', '/');
                layer.entries++;
                if (attrs.isSymbolicLink()) {
                    scanner.entry(layer, rel, LayerScanner.Type.SYMLINK, 0, 0,
                            Files.readSymbolicLink(file).toString(), InputStream.nullInputStream());
                } else if (attrs.isRegularFile()) {
                    int mode = executable(file) ? 0755 : 0644;
                    if (PackageFiles.kind(rel) == PackageFiles.Kind.NONE && mode == 0644) {
                        return FileVisitResult.CONTINUE; // not a record file and not executable: never opened
                    }
                    try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                        scanner.entry(layer, rel, LayerScanner.Type.FILE, attrs.size(), mode, null, in);
                    } catch (IOException e) {
                        layer.error(file + ": unreadable (" + LayerScanner.message(e) + ")", 50);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                layer.error(file + ": unreadable (" + LayerScanner.message(exc) + ")", 50);
                return FileVisitResult.CONTINUE;
            }
        });
        return layer;
    }

    private static boolean executable(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            return p.contains(PosixFilePermission.OWNER_EXECUTE) || p.contains(PosixFilePermission.GROUP_EXECUTE)
                    || p.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
