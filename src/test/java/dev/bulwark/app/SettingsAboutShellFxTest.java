package dev.bulwark.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.ui.ViewId;
import dev.bulwark.util.AppPaths;
import dev.bulwark.util.ThirdPartyNotices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** Settings' folders with their Open buttons, and About, through the whole application. */
class SettingsAboutShellFxTest extends ShellFxTestBase {
    @TempDir
    Path home;
    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private volatile String failure;

    private void start() throws Exception {
        fixture.start(AppPaths.under(home), Clock.systemUTC(), s -> {
            s.setWidth(1280);
            s.setHeight(860);
        }, app -> app.useFolderOpener(dir -> {
            if (failure != null) {
                throw new IOException(failure);
            }
            opened.add(dir);
        }));
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    @Test
    void settingsShowsTheDataAndLogFoldersAndTheImageIgnoreFileAndOpensThem() throws Exception {
        start();
        clickOn("#nav-settings");
        assertThat(fixture.app().mainViewModel().selectedProperty().get()).isEqualTo(ViewId.SETTINGS);
        AppPaths paths = AppPaths.under(home);
        Path logs = LogFolder.of(paths).dir();
        assertThat(fx(() -> lookup("#settings-dir-data").queryAs(TextInputControl.class).getText()))
                .isEqualTo(paths.data().toString());
        assertThat(fx(() -> lookup("#settings-dir-logs").queryAs(TextInputControl.class).getText()))
                .isEqualTo(logs.toString());

        Path imageIgnores = paths.config().resolve("image-ignore.yaml");
        assertThat(fx(() -> lookup("#settings-dir-image-ignore").queryAs(TextInputControl.class).getText()))
                .isEqualTo(imageIgnores.toString());
        // Below the fold at this window size, where a robot click misses it: fired directly.
        fx(() -> {
            lookup("#settings-open-image-ignore").queryButton().fire();
            return null;
        });
        await().atMost(10, TimeUnit.SECONDS).until(() -> opened.contains(paths.config()));

        clickOn("#settings-open-data");
        await().atMost(10, TimeUnit.SECONDS).until(() -> opened.contains(paths.data()));
        assertThat(Files.isDirectory(paths.data())).as("created for a fresh install").isTrue();
        clickOn("#settings-open-logs");
        await().atMost(10, TimeUnit.SECONDS).until(() -> opened.contains(logs));
        assertThat(fx(() -> lookup("#settings-folder-message").queryAs(Labeled.class).getText())).isEmpty();

        failure = "no file manager available (xdg-open not found)";
        clickOn("#settings-open-logs");
        await().atMost(10, TimeUnit.SECONDS).until(() -> fx(() -> lookup("#settings-folder-message")
                .queryAs(Labeled.class).getText()).equals("Cannot open the log folder " + logs
                + ": no file manager available (xdg-open not found). Its path is shown above; open it in your file manager."));
    }

    @Test
    void aboutShowsTheBuildTheGeneratedLicencesAndTheOsvAttribution() throws Exception {
        start();
        clickOn("#about-open");
        await().atMost(10, TimeUnit.SECONDS).until(() -> lookup("#about-dialog").tryQuery().isPresent());
        assertThat(fx(() -> lookup("#about-commit").queryAs(Labeled.class).getText())).matches("[0-9a-f]{7,40}.*");
        assertThat(fx(() -> lookup("#about-build-time").queryAs(Labeled.class).getText())).matches("\\d{4}-.*");
        @SuppressWarnings("unchecked")
        TableView<ThirdPartyNotices.Library> libs = fx(() -> lookup("#about-licences").queryAs(TableView.class));
        assertThat(fx(() -> List.copyOf(libs.getItems()))).hasSizeGreaterThan(30)
                .extracting(ThirdPartyNotices.Library::coords)
                .contains("org.openjfx:javafx-controls", "com.fasterxml.jackson.core:jackson-databind");
        clickOn("Advisory data");
        assertThat(fx(() -> lookup("#about-osv").queryAs(TextArea.class).getText()))
                .contains("CC-BY 4.0").contains("GitHub Advisory Database").contains("https://osv.dev");
    }
}
