package dev.bulwark.ui.containers;

import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.monitor.ContainerMonitor;
import dev.bulwark.ui.TaskRunner;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Inspect tab's state: the selected container's inspect document as the engine sent it, fetched off the FX
 * thread when the selection changes and on refresh. An answer for an earlier request never overwrites a later one.
 */
public final class InspectViewModel {
    /** Shown while a document is fetched. */
    static final String LOADING = "Loading…";

    private final ContainerMonitor monitor;
    private final TaskRunner tasks;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    /** Key of the container whose document is shown or loading; null when none. */
    private String key;
    /** Bumped per request: an answer for an older request is dropped. */
    private long generation;

    InspectViewModel(ContainerMonitor monitor, TaskRunner tasks) {
        this.monitor = Objects.requireNonNull(monitor);
        this.tasks = Objects.requireNonNull(tasks);
    }

    /**
     * The document (pretty-printed), {@link #LOADING} while it is fetched, empty when no container is selected or
     * the fetch failed.
     */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Why the last fetch failed, naming the container and engine; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The selection changed (FX thread); {@code v} null when none is selected or the container is gone. */
    void select(ContainerView v) {
        if (v == null) {
            // A failure still on its way for the old container is shown when it lands: it says why (no such
            // container); a document for it is not.
            key = null;
            text.set("");
        } else if (!v.key().equals(key)) {
            load(v);
        }
    }

    /** Fetches {@code v}'s document again; nothing when {@code v} is null. */
    void refresh(ContainerView v) {
        if (v != null) {
            load(v);
        }
    }

    private void load(ContainerView v) {
        long request = ++generation;
        key = v.key();
        error.set("");
        text.set(LOADING);
        String engine = v.engine();
        String id = v.details().id();
        String name = v.details().name();
        tasks.run("docker inspect " + name + " on " + engine, () -> monitor.inspectJson(engine, id), json -> {
            if (request == generation && key != null) {
                text.set(json);
            }
        }, err -> {
            // TaskRunner has logged it with the task's name; here it is shown.
            if (request == generation) {
                String why = err.getMessage() == null ? err.toString() : err.getMessage();
                if (why.startsWith(engine + ": ")) {
                    why = why.substring(engine.length() + 2); // the engine is named once, below
                }
                text.set("");
                error.set("Could not inspect " + name + " (" + shortId(id) + ") on engine " + engine + ": " + why);
            }
        });
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
