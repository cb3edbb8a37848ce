package dev.bulwark.ui.shell;

import dev.bulwark.settings.Settings;
import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.settings.SettingsService;
import dev.bulwark.ui.ThemeManager;
import dev.bulwark.ui.ViewId;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and actions of the main window: the selected view, the theme, notices for the user and the
 * status bar texts. Every change the user makes is persisted through {@link SettingsService}.
 */
public final class MainViewModel {
    private final SettingsService settings;
    private final ThemeManager themes;
    private final ObjectProperty<ViewId> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final StringProperty dockerStatus = new SimpleStringProperty(this, "dockerStatus");
    private final StringProperty gatewayStatus = new SimpleStringProperty(this, "gatewayStatus");
    private final StringProperty advisoryStatus = new SimpleStringProperty(this, "advisoryStatus");

    public MainViewModel(SettingsService settings, ThemeManager themes) {
        this.settings = Objects.requireNonNull(settings);
        this.themes = Objects.requireNonNull(themes);
        Settings s = settings.get();
        selected.set(ViewId.byId(s.lastView()).orElse(ViewId.OVERVIEW));
        theme.set(s.theme());
        themes.apply(s.theme());
    }

    public ReadOnlyObjectProperty<ViewId> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ObservableList<String> notices() {
        return notices;
    }

    public StringProperty dockerStatusProperty() {
        return dockerStatus;
    }

    public StringProperty gatewayStatusProperty() {
        return gatewayStatus;
    }

    public StringProperty advisoryStatusProperty() {
        return advisoryStatus;
    }

    /** Shows {@code view} and remembers it for the next start. */
    public void select(ViewId view) {
        Objects.requireNonNull(view);
        if (view != selected.get()) {
            selected.set(view);
            settings.update(s -> s.withLastView(view.id()));
        }
    }

    /** Selects the view whose Ctrl shortcut digit is {@code digit} (1-based); ignores other digits. */
    public void selectByDigit(int digit) {
        ViewId[] all = ViewId.values();
        if (digit >= 1 && digit <= all.length) {
            select(all[digit - 1]);
        }
    }

    public void setTheme(Theme t) {
        Objects.requireNonNull(t);
        themes.apply(t);
        theme.set(t);
        settings.update(s -> s.withTheme(t));
    }

    public void toggleTheme() {
        setTheme(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    /** Remembers the window's bounds when it closes. */
    public void windowClosing(Settings.WindowBounds bounds) {
        settings.update(s -> s.withWindow(bounds));
    }

    /** The bounds to restore, or null for a first start. */
    public Settings.WindowBounds savedWindow() {
        return settings.get().window();
    }

    public void notice(String text) {
        notices.add(text);
    }

    public void dismiss(String text) {
        notices.remove(text);
    }
}
