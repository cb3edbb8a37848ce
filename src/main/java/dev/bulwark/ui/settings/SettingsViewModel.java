package dev.bulwark.ui.settings;

import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.settings.SettingsService;
import dev.bulwark.ui.FolderOpener;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.ui.shell.MainViewModel;
import dev.bulwark.util.AppPaths;
import dev.bulwark.util.Errors;
import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/** Settings view state: theme (shared with the shell), advisory staleness, and where files live. */
public final class SettingsViewModel {
    private final MainViewModel shell;
    private final AppPaths paths;
    private final Path logDir;
    private final Path imageIgnoreFile;
    private final FolderOpener opener;
    private final TaskRunner tasks;
    private final IntegerProperty advisoryStaleDays = new SimpleIntegerProperty(this, "advisoryStaleDays");
    private final ReadOnlyStringWrapper folderMessage = new ReadOnlyStringWrapper(this, "folderMessage", "");

    /**
     * @param logDir the folder the log file is written to (the composition root's actual one, which a
     *               {@code -Dbulwark.logDir} may have moved away from {@code paths.logs()})
     * @param imageIgnoreFile the per-user ignore file of image scans (shown so users can edit or back it up)
     * @param opener opens a folder in the file manager
     * @param tasks  runs the opener off the FX thread
     */
    public SettingsViewModel(MainViewModel shell, SettingsService settings, AppPaths paths, Path logDir,
                             Path imageIgnoreFile, FolderOpener opener, TaskRunner tasks) {
        this.shell = Objects.requireNonNull(shell);
        this.paths = Objects.requireNonNull(paths);
        this.logDir = Objects.requireNonNull(logDir);
        this.imageIgnoreFile = Objects.requireNonNull(imageIgnoreFile);
        this.opener = Objects.requireNonNull(opener);
        this.tasks = Objects.requireNonNull(tasks);
        advisoryStaleDays.set(settings.get().advisoryStaleDays());
        advisoryStaleDays.addListener((o, a, b) -> {
            if (b.intValue() > 0) {
                settings.update(s -> s.withAdvisoryStaleDays(b.intValue()));
            }
        });
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return shell.themeProperty();
    }

    public void setTheme(Theme theme) {
        shell.setTheme(theme);
    }

    public IntegerProperty advisoryStaleDaysProperty() {
        return advisoryStaleDays;
    }

    public String configDir() {
        return paths.config().toString();
    }

    public String dataDir() {
        return paths.data().toString();
    }

    public String logDir() {
        return logDir.toString();
    }

    /** The per-user image ignore file ("Ignore" on an image scan's finding writes it; every image scan reads it). */
    public String imageIgnoreFile() {
        return imageIgnoreFile.toString();
    }

    /** Opens the folder holding the image ignore file. */
    public void openImageIgnoreDir() {
        Path dir = imageIgnoreFile.toAbsolutePath().getParent();
        open("image ignore file's", dir);
    }

    /** Opens the data folder in the file manager. */
    public void openDataDir() {
        open("data", paths.data());
    }

    /** Opens the log folder in the file manager. */
    public void openLogDir() {
        open("log", logDir);
    }

    /** Opens the settings folder in the file manager. */
    public void openConfigDir() {
        open("settings", paths.config());
    }

    private void open(String what, Path dir) {
        folderMessage.set("Opening the " + what + " folder…");
        tasks.run("open " + what + " folder", () -> {
            java.nio.file.Files.createDirectories(dir); // a fresh install has not written there yet
            opener.open(dir);
            return dir;
        }, d -> folderMessage.set(""), e -> folderMessage.set("Cannot open the " + what + " folder " + dir + ": "
                + Errors.describe(e) + ". Its path is shown above; open it in your file manager."));
    }

    /** Why a folder could not be opened, or empty. */
    public ReadOnlyStringProperty folderMessageProperty() {
        return folderMessage.getReadOnlyProperty();
    }
}
