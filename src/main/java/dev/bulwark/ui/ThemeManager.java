package dev.bulwark.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.bulwark.settings.Settings.Theme;
import javafx.application.Application;

/** Applies an AtlantaFX theme application-wide; switching is live for every open window. */
public final class ThemeManager {
    private Theme current;

    public void apply(Theme theme) {
        String css = theme == Theme.LIGHT ? new PrimerLight().getUserAgentStylesheet()
                : new PrimerDark().getUserAgentStylesheet();
        Application.setUserAgentStylesheet(css);
        current = theme;
    }

    public Theme current() {
        return current;
    }
}
