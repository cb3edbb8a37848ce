package dev.bulwark.ui.gateway;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises a desktop notification for each threat alert from the gateway, over the main window; a burst collapses into
 * one notification that points to the Gateway view. Shown whether or not that view was ever opened.
 */
public final class ThreatNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ThreatNotifier.class);

    /** The style class bulwark.css paints notifications by, in the theme's colours. */
    public static final String STYLE_CLASS = "bulwark-notification";

    private final Supplier<Window> owner;

    /** @param owner the main window (null or hidden: no notification) */
    public ThreatNotifier(Supplier<Window> owner) {
        this.owner = Objects.requireNonNull(owner);
    }

    /**
     * ControlsFX paints its notifications with Modena's looked-up colours, which AtlantaFX does not define (no
     * background at all, a #292929 title: unreadable on the dark theme), from a stylesheet it adds after bulwark.css;
     * this class lets bulwark.css's more specific rules win.
     */
    private static Notifications themed(Notifications n) {
        return n.styleClass(STYLE_CLASS);
    }

    /** Shows {@code a}; FX thread. A failure to show one is logged (the feed and the Overview still hold it). */
    public void show(ThreatAlert a) {
        Window w = owner.get();
        if (w == null || !w.isShowing()) {
            return;
        }
        try {
            Notifications many = themed(Notifications.create().title("Threat alerts")
                    .text("Several threat alerts arrived: see the Gateway view's feed."));
            Notifications n = themed(Notifications.create().owner(w)
                    .title("Threat alert (" + a.severity().toUpperCase(Locale.ROOT) + "): " + a.title())
                    .text(a.summary()).hideAfter(Duration.seconds(8)).threshold(3, many));
            if (a.severity().equals("critical") || a.severity().equals("high")) {
                n.showError();
            } else {
                n.showWarning();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not show a desktop notification for a threat alert", e);
        }
    }
}
