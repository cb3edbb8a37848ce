package dev.bulwark.ui.gateway;

import dev.bulwark.gateway.client.GatewayStatus;
import dev.bulwark.util.reconnect.ConnectionState;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * How the gateway connection stands, in the words and figures the Gateway view, the status bar and the Overview
 * show: a kind for styling, the status line (with the countdown), the status bar text, the server's last error and
 * the counters. Part of {@link GatewayViewModel}; FX thread.
 */
public final class GatewayStatusModel {
    /** How the connection stands, for styling. */
    public enum StatusKind { NOT_CONFIGURED, OFFLINE, CONNECTING, CONNECTED, POLLING, RECONNECTING, UNREACHABLE }

    private final ReadOnlyBooleanWrapper countdown = new ReadOnlyBooleanWrapper(this, "countdown");
    private final ReadOnlyObjectWrapper<StatusKind> statusKind =
            new ReadOnlyObjectWrapper<>(this, "statusKind", StatusKind.NOT_CONFIGURED);
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper(this, "statusLine", "");
    private final ReadOnlyStringWrapper statusBar = new ReadOnlyStringWrapper(this, "statusBar", "");
    private final ReadOnlyStringWrapper serverError = new ReadOnlyStringWrapper(this, "serverError", "");
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper(this, "received");
    private final ReadOnlyLongWrapper recovered = new ReadOnlyLongWrapper(this, "recovered");
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped");
    private final ReadOnlyLongWrapper queued = new ReadOnlyLongWrapper(this, "queued");
    private final ReadOnlyLongWrapper rttMillis = new ReadOnlyLongWrapper(this, "rttMillis", -1);

    /**
     * Shows {@code s} (null: no client).
     *
     * @return true while the state changes by itself with time (a countdown, an attempt under way), so the
     *         view-model asks the client again each second
     */
    boolean show(GatewayStatus s, boolean configured, boolean active, Instant now) {
        if (s == null) {
            countdown.set(false);
            if (!configured) {
                set(StatusKind.NOT_CONFIGURED, "not configured: enter the gateway's URL and press Connect", "not configured");
            } else if (active) {
                set(StatusKind.CONNECTING, "connecting", "connecting");
            } else {
                set(StatusKind.OFFLINE, "offline: press Connect", "offline");
            }
            serverError.set("");
            rttMillis.set(-1);
            return false;
        }
        ConnectionState c = s.connection();
        StatusKind kind = switch (c.kind()) {
            case CONNECTED -> s.mode() == GatewayStatus.Mode.POLLING ? StatusKind.POLLING : StatusKind.CONNECTED;
            case CONNECTING -> StatusKind.CONNECTING;
            case RECONNECTING -> StatusKind.RECONNECTING;
            case UNREACHABLE -> StatusKind.UNREACHABLE;
            case STOPPED -> StatusKind.OFFLINE;
        };
        String line = s.describe(now);
        String shortLine = c.kind() == ConnectionState.Kind.RECONNECTING
                ? "reconnecting in " + c.secondsToNextAttempt(now) + " s"
                : c.kind() == ConnectionState.Kind.UNREACHABLE ? "unreachable" : line;
        set(kind, line, shortLine);
        countdown.set(c.kind() == ConnectionState.Kind.RECONNECTING);
        serverError.set(s.lastError() == null ? "" : "Server said: " + s.lastError());
        GatewayStatus.Counters n = s.counters();
        received.set(n.received());
        recovered.set(n.recovered());
        dropped.set(n.droppedFromQueue() + n.invalid() + n.oversized());
        queued.set(n.queued());
        rttMillis.set(c.kind() == ConnectionState.Kind.CONNECTED && s.mode() == GatewayStatus.Mode.WEBSOCKET
                ? s.rttMillis() : -1);
        return c.kind() != ConnectionState.Kind.CONNECTED;
    }

    private void set(StatusKind kind, String line, String shortLine) {
        statusKind.set(kind);
        statusLine.set(line);
        statusBar.set("Gateway: " + shortLine);
    }

    /** A reconnect countdown runs ("Reconnect now" skips it). */
    public ReadOnlyBooleanProperty countdownProperty() {
        return countdown.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusKind> statusKindProperty() {
        return statusKind.getReadOnlyProperty();
    }

    /**
     * {@code connected · rtt 3 ms · recovered}, {@code reconnecting in 4 s: connection refused}, {@code polling · gap:
     * 12 s (...)}, {@code offline: press Connect}, {@code not configured: ...}; refreshed each second during a
     * countdown.
     */
    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    /** The status bar's text: {@code Gateway: connected · rtt 3 ms · live}, {@code Gateway: reconnecting in 4 s}. */
    public ReadOnlyStringProperty statusBarProperty() {
        return statusBar.getReadOnlyProperty();
    }

    /** The last error the server sent, or empty. */
    public ReadOnlyStringProperty serverErrorProperty() {
        return serverError.getReadOnlyProperty();
    }

    /** Data messages received by the current client. */
    public ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }

    /** Messages replayed after a reconnect. */
    public ReadOnlyLongProperty recoveredProperty() {
        return recovered.getReadOnlyProperty();
    }

    /** Dropped: the offline queue's overflow plus invalid and oversized inbound frames. */
    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** The last application ping's round trip while connected over WebSocket, else -1 (not measured). */
    public ReadOnlyLongProperty rttMillisProperty() {
        return rttMillis.getReadOnlyProperty();
    }

    /** Frames waiting in the offline publish queue. */
    public ReadOnlyLongProperty queuedProperty() {
        return queued.getReadOnlyProperty();
    }
}
