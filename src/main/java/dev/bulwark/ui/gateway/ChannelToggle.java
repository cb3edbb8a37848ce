package dev.bulwark.ui.gateway;

import dev.bulwark.gateway.client.GatewayStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One channel of the gateway: whether the user wants it (a toggle) and where its subscription stands on the current
 * connection. FX thread.
 */
public final class ChannelToggle {
    /** Where a wanted channel's subscription stands, as the view colours it. */
    public enum State { OFF, WAITING, PENDING, ACKED, MISSING }

    private final String channel;
    private final BooleanProperty wanted = new SimpleBooleanProperty(this, "wanted");
    private final ReadOnlyStringWrapper ack = new ReadOnlyStringWrapper(this, "ack", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.OFF);

    ChannelToggle(String channel, boolean initiallyWanted) {
        this.channel = channel;
        wanted.set(initiallyWanted);
    }

    /** The channel, e.g. {@code maximus:threats}. */
    public String channel() {
        return channel;
    }

    /** The user wants this channel (bound to the toggle). */
    public BooleanProperty wantedProperty() {
        return wanted;
    }

    /** {@code acknowledged}, {@code pending}, {@code ack missing, retrying (2)}, {@code subscribes on connect}, ... */
    public ReadOnlyStringProperty ackProperty() {
        return ack.getReadOnlyProperty();
    }

    /** The same as a state. */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Updates the acknowledgement text from the client's view of the subscription (null: none, or no client). */
    void show(GatewayStatus.Subscription s, boolean connected) {
        if (!wanted.get()) {
            set(State.OFF, "off");
        } else if (!connected) {
            // The table keeps the last connection's acks until the next one starts: they are not in force now.
            set(State.WAITING, "subscribes on connect");
        } else if (s == null || s.ack() == GatewayStatus.Subscription.Ack.NOT_SENT) {
            set(State.WAITING, "subscribing");
        } else {
            switch (s.ack()) {
                case PENDING -> set(State.PENDING, "pending");
                case ACKED -> set(State.ACKED, "acknowledged");
                case MISSING -> set(State.MISSING, "ack missing, retrying (" + s.attempts() + ")");
                default -> set(State.WAITING, "subscribing");
            }
        }
    }

    private void set(State st, String text) {
        state.set(st);
        ack.set(text);
    }
}
