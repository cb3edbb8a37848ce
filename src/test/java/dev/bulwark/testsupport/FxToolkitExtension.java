package dev.bulwark.testsupport;

import javafx.application.Platform;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * The JavaFX toolkit for a test class (TestFX + Monocle, headless): the primary stage registered, and the toolkit kept
 * alive after the last window closes, since every test class of the run shares it.
 */
public final class FxToolkitExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }
}
