package dev.bulwark.app;

import dev.bulwark.util.AppPaths;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the log file goes ({@code -Dbulwark.logDir} if given, else the data folder's {@code logs}, which follows
 * {@code BULWARK_HOME} and {@code XDG_DATA_HOME}), and why it cannot be written, if it cannot.
 *
 * @param dir     the folder
 * @param problem why the log file cannot be written there (e.g. {@code permission denied}), or null
 */
record LogFolder(Path dir, String problem) {
    /** The system property naming the log folder, read by {@code logback.xml}. */
    static final String PROPERTY = "bulwark.logDir";

    /** The folder for {@code paths}, created if missing. */
    static LogFolder of(AppPaths paths) {
        String override = System.getProperty(PROPERTY);
        Path dir = (override != null && !override.isBlank() ? Path.of(override) : paths.logs()).toAbsolutePath();
        return new LogFolder(dir, problem(dir));
    }

    /** True when the log file can be written. */
    boolean writable() {
        return problem == null;
    }

    private static String problem(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            return "permission denied";
        } catch (FileAlreadyExistsException e) {
            return "not a folder";
        } catch (FileSystemException e) {
            return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            return "permission denied";
        }
        Path file = dir.resolve("bulwark.log");
        if (Files.exists(file) && !Files.isWritable(file)) {
            return "permission denied on bulwark.log";
        }
        return null;
    }
}
