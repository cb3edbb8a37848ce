package dev.bulwark.ui.gateway;

import dev.bulwark.settings.GatewaySettings;
import dev.bulwark.settings.SettingsService;
import java.net.URI;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Gateway view's "Forward Bulwark's events" form: where to (none, the connected gateway, an http(s) gateway, a
 * Redis) and what (container alerts, scan findings). Applied to the settings, which the forwarder reads for every
 * event. FX thread.
 */
public final class ForwardingForm {
    private final SettingsService settings;
    private final StringProperty target = new SimpleStringProperty(this, "target", "none");
    private final BooleanProperty containerHealth = new SimpleBooleanProperty(this, "containerHealth");
    private final BooleanProperty scanFindings = new SimpleBooleanProperty(this, "scanFindings");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    ForwardingForm(SettingsService settings) {
        this.settings = Objects.requireNonNull(settings);
        GatewaySettings g = settings.get().gateway();
        target.set(g.forwardTarget());
        containerHealth.set(g.forwardContainerHealth());
        scanFindings.set(g.forwardScanFindings());
        message.set(describe(g.forwardTarget(), g.forwardContainerHealth(), g.forwardScanFindings()));
    }

    /** Saves the options; an invalid target is reported in {@link #messageProperty()} and nothing changes. */
    public void apply() {
        String t;
        try {
            t = GatewaySettings.checkForwardTarget(target.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        boolean health = containerHealth.get();
        boolean scans = scanFindings.get();
        settings.update(s -> s.withGateway(s.gateway().withForwarding(t, health, scans)));
        target.set(t);
        message.set(describe(t, health, scans));
    }

    static String describe(String target, boolean health, boolean scans) {
        if (target.equals(GatewaySettings.FORWARD_NONE) || !(health || scans)) {
            return "Forwarding is off.";
        }
        String what = health && scans ? "container alerts and scan findings" : health ? "container alerts"
                : "scan findings";
        // Short enough for one line of the form; the target field's tooltip says that "gateway" queues offline.
        String where = target.equals(GatewaySettings.FORWARD_GATEWAY) ? "the connected gateway" : redact(target);
        return "Forwarding " + what + " to " + where + ".";
    }

    /** A target URI without user-info (a Redis password may be in it). */
    static String redact(String target) {
        try {
            URI u = URI.create(target);
            return u.getRawUserInfo() == null ? target
                    : u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return "the configured target";
        }
    }

    /** {@code none}, {@code gateway}, {@code http(s)://...} or {@code redis://...}. */
    public StringProperty targetProperty() {
        return target;
    }

    /** Forward container alerts. */
    public BooleanProperty containerHealthProperty() {
        return containerHealth;
    }

    /** Forward scan findings at or above the fail threshold. */
    public BooleanProperty scanFindingsProperty() {
        return scanFindings;
    }

    /** What {@link #apply} did, or why it did not; at start, what is in force. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
