package dev.bulwark.scan.osv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One import at a time per database folder, across processes (a GUI and a CLI may share it): an exclusive lock on
 * {@code <db>/.import.lock}. The operating system releases it when its holder ends, however it ends (SIGKILL
 * included), so whatever import scratch lies in a folder whose lock is free belongs to no running import.
 */
final class ImportLock implements AutoCloseable {
    static final String FILE = ".import.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private ImportLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir} (made when missing).
     *
     * @throws IOException "another import is running on DIR" when it is held, here or in another process
     */
    static ImportLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        return tryLock(dir).orElseThrow(() -> new IOException("another import is running on " + dir
                + "; try again when it has finished"));
    }

    /**
     * The lock of an existing {@code dir} if it is free right now; empty when it is held, when the folder does not
     * exist, or when this user may not write it (someone else's database, read-only here).
     */
    static Optional<ImportLock> tryAcquire(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            return tryLock(dir);
        } catch (AccessDeniedException e) {
            return Optional.empty();
        }
    }

    private static Optional<ImportLock> tryLock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new ImportLock(channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // held by this process: the same answer as another process holding it
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
