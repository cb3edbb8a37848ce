package dev.bulwark.ui.settings;

import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.settings.SettingsService;
import dev.bulwark.ui.shell.MainViewModel;
import dev.bulwark.util.AppPaths;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** Settings view state: theme (shared with the shell), advisory staleness, and where files live. */
public final class SettingsViewModel {
    private final MainViewModel shell;
    private final SettingsService settings;
    private final AppPaths paths;
    private final IntegerProperty advisoryStaleDays = new SimpleIntegerProperty(this, "advisoryStaleDays");

    public SettingsViewModel(MainViewModel shell, SettingsService settings, AppPaths paths) {
        this.shell = Objects.requireNonNull(shell);
        this.settings = Objects.requireNonNull(settings);
        this.paths = Objects.requireNonNull(paths);
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
        return paths.logs().toString();
    }
}
