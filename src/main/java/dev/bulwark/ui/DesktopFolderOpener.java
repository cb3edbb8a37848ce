package dev.bulwark.ui;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens folders with {@link Desktop#open}, or, where AWT has no desktop support (common on Linux desktops
 * without GNOME libraries), with the platform's opener command ({@code xdg-open}, {@code open}, {@code explorer}).
 */
public final class DesktopFolderOpener implements FolderOpener {
    @Override
    public void open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("the folder does not exist: " + dir);
        }
        if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Desktop.getDesktop().open(dir.toFile());
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> cmd = os.contains("win") ? List.of("explorer", dir.toString())
                : os.contains("mac") ? List.of("open", dir.toString()) : List.of("xdg-open", dir.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("no file manager available (" + cmd.getFirst() + " not found)", e);
        }
        try {
            // xdg-open returns once the file manager was asked; explorer's exit code is meaningless.
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() != 0 && !os.contains("win")) {
                throw new IOException(cmd.getFirst() + " failed with exit code " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + dir, e);
        }
    }
}
