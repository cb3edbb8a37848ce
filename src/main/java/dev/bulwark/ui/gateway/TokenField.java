package dev.bulwark.ui.gateway;

import dev.bulwark.settings.GatewayTokenStore;
import dev.bulwark.ui.TaskRunner;
import dev.bulwark.util.Errors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Gateway form's token: typed into a field, kept in the owner-only token file (through the {@link TaskRunner},
 * off the FX thread), and shown only as set or not, never itself. Part of {@link GatewayViewModel}; FX thread.
 */
final class TokenField {
    private final GatewayTokenStore tokens;
    private final TaskRunner tasks;
    private final ReadOnlyStringWrapper message;
    private final StringProperty input;
    private final ReadOnlyStringWrapper state;
    private final ReadOnlyBooleanWrapper saved;

    /** @param message the form's message line, where outcomes and problems are said */
    TokenField(Object bean, GatewayTokenStore tokens, TaskRunner tasks, ReadOnlyStringWrapper message) {
        this.tokens = tokens;
        this.tasks = tasks;
        this.message = message;
        this.input = new SimpleStringProperty(bean, "tokenInput", "");
        this.state = new ReadOnlyStringWrapper(bean, "tokenState", "no token");
        this.saved = new ReadOnlyBooleanWrapper(bean, "tokenSaved", false);
    }

    StringProperty input() {
        return input;
    }

    ReadOnlyStringProperty state() {
        return state.getReadOnlyProperty();
    }

    /** True once a saved token is known to exist (Remove has something to remove). */
    ReadOnlyBooleanProperty saved() {
        return saved.getReadOnlyProperty();
    }

    /** Reads whether a token is saved (the file, off the FX thread). */
    void readState() {
        tasks.run("read the gateway token state", tokens::isSet, this::showState,
                e -> message.set("The token file cannot be read: " + Errors.rootMessage(e)));
    }

    /** The typed token (may be blank), taken out of the field. */
    String takeTyped() {
        String t = input.get();
        input.set("");
        return t;
    }

    /** Saves the typed token without connecting; {@code active}: a client runs, which needs a reconnect for it. */
    void save(boolean active) {
        String t = input.get();
        if (t == null || t.isBlank()) {
            message.set("Type a token first (or use Remove to delete the saved one).");
            return;
        }
        input.set("");
        tasks.run("save the gateway token", () -> {
            tokens.write(t);
            return true;
        }, set -> {
            showState(set);
            message.set(active ? "Token saved: the next connection uses it (Reconnect now to apply)."
                    : "Token saved.");
        }, e -> message.set("Token not saved: " + Errors.rootMessage(e)));
    }

    /** Deletes the saved token. */
    void clear() {
        input.set("");
        tasks.run("remove the gateway token", () -> {
            tokens.clear();
            return false;
        }, set -> {
            showState(set);
            message.set("Token removed.");
        }, e -> message.set("Token not removed: " + Errors.rootMessage(e)));
    }

    void showState(boolean set) {
        saved.set(set);
        state.set(set ? "token set" : "no token");
    }
}
