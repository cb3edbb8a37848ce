package dev.bulwark.app;

import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * What every test of the whole application under TestFX shares: the toolkit's primary stage, one {@link AppFixture},
 * and closing the application (then its stages) after each test, before {@link #afterApp()} cleans up what the test
 * started beside it (servers, containers).
 */
abstract class ShellFxTestBase extends FxRobot {
    protected final AppFixture fixture = new AppFixture();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }

    @AfterEach
    void closeApp() throws Exception {
        fixture.close();
        FxToolkit.cleanupStages();
        afterApp();
    }

    /** Runs once the application is closed; by default nothing. */
    protected void afterApp() throws Exception {
    }
}
