package dev.bulwark.ui;

import java.io.IOException;
import java.nio.file.Path;

/** Opens a folder in the system's file manager (a port: tests record the call instead). */
@FunctionalInterface
public interface FolderOpener {
    /**
     * Opens {@code dir}; may block while the desktop starts the file manager, so call it off the FX thread.
     *
     * @throws IOException with a reason a user can act on (no desktop, folder missing, no file manager)
     */
    void open(Path dir) throws IOException;
}
