package dev.bulwark.app;

import dev.bulwark.ui.FxErrorReporter;
import dev.bulwark.util.AppPaths;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The whole application on its own stage in the headless toolkit, for the shell tests; started and closed on the FX thread. */
final class AppFixture {
    private BulwarkApp app;
    private Stage stage;

    /** Starts the app over {@code paths}; {@code beforeStart} may size the stage first. */
    void start(AppPaths paths, Clock clock, Consumer<Stage> beforeStart) throws Exception {
        start(paths, clock, beforeStart, a -> { });
    }

    /** {@code configure} may replace the app's ports (pickers, folder opener, environment) before it starts. */
    void start(AppPaths paths, Clock clock, Consumer<Stage> beforeStart, Consumer<BulwarkApp> configure)
            throws Exception {
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            beforeStart.accept(stage);
            app = new BulwarkApp(paths, clock, Platform::runLater, new FxErrorReporter());
            configure.accept(app);
            app.start(stage);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    void start(AppPaths paths, Clock clock) throws Exception {
        start(paths, clock, s -> { });
    }

    /** Hides the window and closes the app, as on exit; nothing when not started. */
    void close() throws Exception {
        if (app != null) {
            FxToolkit.setupFixture(() -> {
                stage.hide();
                app.close();
            });
            app = null;
        }
    }

    BulwarkApp app() {
        return app;
    }

    Stage stage() {
        return stage;
    }
}
