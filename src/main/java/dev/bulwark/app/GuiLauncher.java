package dev.bulwark.app;

import dev.bulwark.ui.FxErrorReporter;
import dev.bulwark.util.AppPaths;
import java.time.Clock;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the JavaFX toolkit without an {@code Application} subclass, so the composition root is built
 * with plain constructor injection, and logs the time from JVM start to the first frame.
 */
final class GuiLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(GuiLauncher.class);

    private GuiLauncher() {
    }

    static void launch(AppPaths paths, long jvmStartMillis) {
        launch(paths, jvmStartMillis, () -> { });
    }

    /** As {@link #launch(AppPaths, long)}, running {@code afterFirstFrame} on the FX thread once the window is drawn. */
    static void launch(AppPaths paths, long jvmStartMillis, Runnable afterFirstFrame) {
        FxErrorReporter errors = new FxErrorReporter();
        Thread.setDefaultUncaughtExceptionHandler(
                (t, e) -> errors.report("Uncaught exception on thread " + t.getName(), e));
        Platform.setImplicitExit(true);
        Platform.startup(() -> {
            BulwarkApp app = new BulwarkApp(paths, Clock.systemDefaultZone(), Platform::runLater, errors);
            try {
                Stage stage = new Stage();
                stage.setOnHidden(e -> {
                    app.close();
                    Platform.exit();
                });
                app.start(stage);
                logFirstFrame(jvmStartMillis, afterFirstFrame);
            } catch (RuntimeException e) {
                LOG.error("Bulwark failed to start", e);
                app.close();
                Platform.exit();
                System.exit(2);
            }
        });
    }

    private static void logFirstFrame(long jvmStartMillis, Runnable afterFirstFrame) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                // The first pulse lays out and renders; the frame is on screen by the second.
                if (++pulses == 2) {
                    stop();
                    LOG.info("startup ms={}", System.currentTimeMillis() - jvmStartMillis);
                    afterFirstFrame.run();
                }
            }
        }.start();
    }
}
