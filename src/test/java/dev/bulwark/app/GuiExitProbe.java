package dev.bulwark.app;

import dev.bulwark.util.AppPaths;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.stage.Window;

/**
 * Child-process entry for {@link GuiExitTest}: starts the real GUI the way {@link Main} does, then closes
 * its window as a user would. The process must then end by itself, proving no thread outlives the window.
 */
public final class GuiExitProbe {
    private GuiExitProbe() {
    }

    public static void main(String[] args) throws Exception {
        AppPaths paths = AppPaths.under(Path.of(args[0]));
        LoggingSetup.configure(paths, true);
        GuiLauncher.launch(paths, System.currentTimeMillis());
        Thread closer = Thread.ofVirtual().name("probe-closer").start(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    Thread.sleep(100);
                    boolean[] showing = new boolean[1];
                    var latch = new java.util.concurrent.CountDownLatch(1);
                    Platform.runLater(() -> {
                        showing[0] = Window.getWindows().stream().anyMatch(Window::isShowing);
                        latch.countDown();
                    });
                    latch.await();
                    if (showing[0]) {
                        Thread.sleep(500);
                        Platform.runLater(() -> List.copyOf(Window.getWindows()).forEach(Window::hide));
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.join();
    }
}
