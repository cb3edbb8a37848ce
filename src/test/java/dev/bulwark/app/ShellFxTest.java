package dev.bulwark.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.testsupport.FxToolkitExtension;
import dev.bulwark.ui.FxErrorReporter;
import dev.bulwark.ui.ViewId;
import dev.bulwark.util.AppPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The desktop shell, driven through its real nodes in a headless (Monocle) toolkit. */
@ExtendWith(FxToolkitExtension.class)
class ShellFxTest extends FxRobot {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private final AppFixture fixture = new AppFixture();

    private void startApp() throws Exception {
        fixture.start(AppPaths.under(home), CLOCK);
    }

    private void closeApp() throws Exception {
        fixture.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        closeApp();
        FxToolkit.cleanupStages();
    }

    private <T extends Node> T node(String id, Class<T> type) {
        return lookup("#" + id).queryAs(type);
    }

    @Test
    void windowOpensWithRailStatusBarAndDefaultView() throws Exception {
        startApp();
        assertThat(fixture.stage().isShowing()).isTrue();
        assertThat(fixture.stage().getTitle()).isEqualTo("Bulwark");
        for (ViewId v : ViewId.values()) {
            assertThat(lookup("#nav-" + v.id()).tryQuery()).as(v.title()).isPresent();
        }
        assertThat(lookup("#view-overview").tryQuery()).isPresent();
        assertThat(node("status-docker", Labeled.class).getText()).startsWith("Docker");
        assertThat(node("status-advisories", Labeled.class).getText()).startsWith("Advisories");
        assertThat(fixture.stage().getIcons()).isNotEmpty();
    }

    @Test
    void railAndShortcutsSwitchViewsAndBuildThemLazily() throws Exception {
        startApp();
        assertThat(fixture.app().mainWindow().isBuilt(ViewId.RATE_LIMITER)).isFalse();

        clickOn("#nav-containers");
        assertThat(lookup("#view-containers").tryQuery()).isPresent();
        assertThat(lookup("#view-overview").tryQuery()).isEmpty();

        press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fixture.app().mainViewModel().selectedProperty().get()).isEqualTo(ViewId.RATE_LIMITER);
        assertThat(lookup("#view-ratelimiter").tryQuery()).isPresent();
        assertThat(fixture.app().mainWindow().isBuilt(ViewId.RATE_LIMITER)).isTrue();
        assertThat(fixture.app().mainWindow().isBuilt(ViewId.GATEWAY)).isFalse();

        press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#settings-theme-dark").tryQuery()).isPresent();
    }

    @Test
    void themeTogglesLiveAndTheSettingsViewFollows() throws Exception {
        startApp();
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        clickOn("#theme-toggle");
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");
        assertThat(fixture.app().mainViewModel().themeProperty().get()).isEqualTo(Theme.LIGHT);

        clickOn("#nav-settings");
        assertThat(node("settings-theme-light", javafx.scene.control.RadioButton.class).isSelected()).isTrue();
        clickOn("#settings-theme-dark");
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        assertThat(node("theme-toggle", Labeled.class).getText()).isEqualTo("Light");
    }

    @Test
    void settingsSurviveARestart() throws Exception {
        startApp();
        clickOn("#theme-toggle");
        clickOn("#nav-vulnerabilities");
        FxToolkit.setupFixture(() -> {
            fixture.stage().setX(40);
            fixture.stage().setY(30);
            fixture.stage().setWidth(1000);
            fixture.stage().setHeight(700);
        });
        closeApp();
        assertThat(home.resolve("config/settings.json")).exists();

        startApp();
        assertThat(fixture.app().mainViewModel().themeProperty().get()).isEqualTo(Theme.LIGHT);
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");
        assertThat(fixture.app().mainViewModel().selectedProperty().get()).isEqualTo(ViewId.VULNERABILITIES);
        assertThat(lookup("#view-vulnerabilities").tryQuery()).isPresent();
        assertThat(fixture.stage().getWidth()).isEqualTo(1000);
        assertThat(fixture.stage().getHeight()).isEqualTo(700);
    }

    @Test
    void corruptSettingsAreSetAsideAndTheUserIsTold() throws Exception {
        Path file = home.resolve("config/settings.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"theme\": \"LIGHT\", \"lastView\": ");
        startApp();

        Path aside = home.resolve("config/settings.json.corrupt-20261125-090000");
        assertThat(aside).exists();
        assertThat(fixture.app().mainViewModel().themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(lookup(".notice-text").queryAs(Labeled.class).getText()).contains("corrupt").contains(aside.toString());
        clickOn("Dismiss");
        assertThat(lookup(".notice").tryQuery()).isEmpty();
    }

    @Test
    void errorsShowADialogWhoseDetailsCanBeCopied() throws Exception {
        startApp();
        FxErrorReporter reporter = new FxErrorReporter();
        Platform.runLater(() -> reporter.report("Loading containers failed", new IllegalStateException("engine gone")));
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(5, TimeUnit.SECONDS).until(() -> lookup("#error-copy").tryQuery().isPresent());
        assertThat(lookup("Loading containers failed").tryQuery()).isPresent();
        clickOn("#error-copy");
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(5, TimeUnit.SECONDS);
        assertThat(copied).contains("Loading containers failed").contains("IllegalStateException: engine gone")
                .contains("at dev.bulwark.app.ShellFxTest");
        assertThat(lookup("#error-details").queryAs(TextArea.class).getText()).isEqualTo(copied);
        try (Stream<Path> s = Files.list(home)) {
            assertThat(s).isNotNull();
        }
    }
}
