package dev.bulwark.app;

import dev.bulwark.testsupport.FxToolkitExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * What every test of the whole application under TestFX shares: the toolkit's primary stage, one {@link AppFixture},
 * and closing the application (then its stages) after each test, before {@link #afterApp()} cleans up what the test
 * started beside it (servers, containers).
 */
@ExtendWith(FxToolkitExtension.class)
abstract class ShellFxTestBase extends FxRobot {
    protected final AppFixture fixture = new AppFixture();

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
