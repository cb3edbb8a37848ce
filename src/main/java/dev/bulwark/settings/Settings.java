package dev.bulwark.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The user's persisted preferences. Immutable: change with the {@code with...} methods and save the copy.
 * Unknown properties are ignored on read so newer files open in older builds.
 *
 * @param theme              light or dark
 * @param lastView           the id of the view shown when the window closed
 * @param window             the main window's last bounds, or null before the first close
 * @param advisoryStaleDays  the advisory DB is called stale after this many days
 * @param docker             container monitor engines and alert thresholds
 * @param gateway            the MAXIMUS gateway connection and forwarding (the token is not here)
 * @param vex                VEX documents applied to GUI scans and the author of exported OpenVEX
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(Theme theme, String lastView, WindowBounds window, int advisoryStaleDays,
                       DockerSettings docker, GatewaySettings gateway, VexSettings vex) {

    /** Defaults used on first start and after a corrupt file was set aside. */
    public static final Settings DEFAULTS = new Settings(Theme.DARK, "overview", null, 7, DockerSettings.DEFAULTS,
            GatewaySettings.DEFAULTS, VexSettings.DEFAULTS);

    public Settings {
        theme = theme == null ? Theme.DARK : theme;
        lastView = lastView == null || lastView.isBlank() ? "overview" : lastView;
        if (advisoryStaleDays <= 0) {
            advisoryStaleDays = 7;
        }
        docker = docker == null ? DockerSettings.DEFAULTS : docker;
        gateway = gateway == null ? GatewaySettings.DEFAULTS : gateway;
        vex = vex == null ? VexSettings.DEFAULTS : vex;
    }

    public Settings withTheme(Theme t) {
        return new Settings(Objects.requireNonNull(t), lastView, window, advisoryStaleDays, docker, gateway, vex);
    }

    public Settings withLastView(String view) {
        return new Settings(theme, view, window, advisoryStaleDays, docker, gateway, vex);
    }

    public Settings withWindow(WindowBounds w) {
        return new Settings(theme, lastView, w, advisoryStaleDays, docker, gateway, vex);
    }

    public Settings withAdvisoryStaleDays(int days) {
        if (days <= 0) {
            throw new IllegalArgumentException("advisoryStaleDays must be positive: " + days);
        }
        return new Settings(theme, lastView, window, days, docker, gateway, vex);
    }

    public Settings withDocker(DockerSettings d) {
        return new Settings(theme, lastView, window, advisoryStaleDays, Objects.requireNonNull(d), gateway, vex);
    }

    public Settings withGateway(GatewaySettings g) {
        return new Settings(theme, lastView, window, advisoryStaleDays, docker, Objects.requireNonNull(g), vex);
    }

    public Settings withVex(VexSettings v) {
        return new Settings(theme, lastView, window, advisoryStaleDays, docker, gateway, Objects.requireNonNull(v));
    }

    /** The two AtlantaFX themes. */
    public enum Theme { DARK, LIGHT }

    /** A window's position and size on screen. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
        public WindowBounds {
            if (!(width > 0 && height > 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("invalid window bounds " + x + "," + y + " " + width + "x" + height);
            }
        }
    }
}
