package dev.bulwark.app;

import dev.bulwark.util.AppPaths;

/** Starts the JavaFX toolkit and the desktop application. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static void launch(AppPaths paths, long jvmStartMillis) {
        throw new UnsupportedOperationException("GUI not wired yet");
    }
}
