package dev.bulwark.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Writes files so that readers see either the old content or the new one, never a torn file:
 * the bytes go to a temporary sibling, are forced to disk, then renamed over the target.
 *
 * <p>The new file's permissions follow the process umask, as any other tool's files do (a file meant to be
 * private must say so itself). A failure names the target and the reason ("permission denied"), never the
 * temporary sibling, which is removed.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NAME_ATTEMPTS = 100;

    private AtomicFiles() {
    }

    /** A body that streams the new content of a file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Atomically replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Atomically replaces {@code target} with whatever {@code body} writes.
     *
     * @throws FileSystemException naming {@code target} when its folder cannot be made or written, or the rename
     *                             fails; what {@code body} throws is passed on unchanged
     */
    public static void write(Path target, Writer body) throws IOException {
        write(target, null, body);
    }

    /**
     * Atomically replaces {@code target} with whatever {@code body} writes, the file having {@code permissions}
     * (on POSIX file systems; ignored elsewhere). They are set on the temporary file before a byte is written, so
     * a secret is never readable by others, not even for a moment.
     *
     * @param permissions the new file's POSIX permissions, or null for the default
     */
    public static void write(Path target, Set<PosixFilePermission> permissions, Writer body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw failure(target, e.getFile() + " is not a folder", e);
        } catch (FileSystemException e) {
            throw failure(target, Errors.describe(e), e);
        }
        Path tmp = createSibling(target, dir, permissions);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(ch)) {
                body.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileSystemException e) {
            throw failure(target, e.getFile() == null || tmp.toString().equals(e.getFile())
                    || target.toString().equals(e.getFile()) ? Errors.reason(e) : Errors.describe(e), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new empty temporary sibling. Made by a plain exclusive create, so its mode is 0666 less the umask
     * ({@link Files#createTempFile} would make it 0600 whatever the umask), or exactly {@code permissions} when
     * given (set by the create itself on POSIX file systems, so a secret is never readable by others).
     */
    private static Path createSibling(Path target, Path dir, Set<PosixFilePermission> permissions) throws IOException {
        boolean posix = permissions != null && Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
        for (int attempt = 1; ; attempt++) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + ".tmp");
            try {
                Path made = Files.createFile(tmp, attrs);
                if (posix) {
                    Files.setPosixFilePermissions(made, permissions); // the create's mode was masked by the umask
                }
                return made;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= NAME_ATTEMPTS) {
                    throw failure(target, "no free temporary name in " + dir, e);
                }
            } catch (FileSystemException e) {
                throw failure(target, "cannot create a file in " + dir + ": " + Errors.reason(e), e);
            }
        }
    }

    private static FileSystemException failure(Path target, String reason, Exception cause) {
        FileSystemException e = new FileSystemException(target.toString(), null, reason);
        e.initCause(cause);
        return e;
    }
}
