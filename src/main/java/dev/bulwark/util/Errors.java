package dev.bulwark.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What to tell a user about a failure. */
public final class Errors {
    /** Plain words for the file-system failures a user meets. */
    private static final Map<Class<? extends IOException>, String> REASONS = Map.of(
            AccessDeniedException.class, "permission denied",
            NoSuchFileException.class, "no such file or folder",
            NotDirectoryException.class, "not a folder",
            FileAlreadyExistsException.class, "already exists",
            DirectoryNotEmptyException.class, "folder not empty",
            FileSystemLoopException.class, "symbolic link loop");

    private Errors() {
    }

    /**
     * The innermost cause's message, or its class name when it has none: wrappers (execution, I/O, library
     * exceptions) repeat or bury it, and the innermost one is what a user can act on ("connection refused").
     */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null || msg.isBlank() ? root.getClass().getSimpleName() : msg;
    }

    /**
     * One line for a user: {@code "<file>: <reason>"} for a file-system failure ("/db/pypi/CURRENT: permission
     * denied"), otherwise the message, followed by the file-system failure under it when the message does not
     * already name that file. Bare wrappers (whose message is their cause's {@code toString()}) are skipped.
     */
    public static String describe(Throwable t) {
        return oneLine(describeChain(t));
    }

    private static String describeChain(Throwable t) {
        Throwable top = unwrap(t);
        if (top instanceof FileSystemException fse) {
            return fileLine(fse);
        }
        String msg = top.getMessage();
        FileSystemException under = fileSystemCause(top);
        if (msg == null || msg.isBlank()) {
            return under != null ? fileLine(under) : rootMessage(top);
        }
        if (under != null && (under.getFile() == null || !msg.contains(under.getFile()))) {
            return msg + ": " + fileLine(under);
        }
        return msg;
    }

    /**
     * The reason of a file-system failure in plain words: "permission denied", "no such file or folder",
     * "not a folder", "already exists", or the operating system's own reason ("read-only file system").
     */
    public static String reason(IOException e) {
        for (Map.Entry<Class<? extends IOException>, String> known : REASONS.entrySet()) {
            if (known.getKey().isInstance(e)) {
                return known.getValue();
            }
        }
        String r = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (r == null || r.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (r.equalsIgnoreCase("Not a directory")) {
            return "not a folder";
        }
        return r.length() > 1 && Character.isUpperCase(r.charAt(0)) && Character.isLowerCase(r.charAt(1))
                ? r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1) : r;
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String fileLine(FileSystemException e) {
        if (e.getFile() == null) {
            return reason(e);
        }
        return e.getFile() + (e.getOtherFile() == null ? "" : " -> " + e.getOtherFile()) + ": " + reason(e);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable top = t;
        while (top.getCause() != null && top.getCause() != top
                && (top instanceof ExecutionException || top instanceof CompletionException
                || top instanceof UncheckedIOException && String.valueOf(top.getCause()).equals(top.getMessage())
                || top.getMessage() == null || top.getMessage().equals(String.valueOf(top.getCause())))) {
            top = top.getCause();
        }
        return top;
    }

    private static FileSystemException fileSystemCause(Throwable t) {
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof FileSystemException fse) {
                return fse;
            }
        }
        return null;
    }
}
