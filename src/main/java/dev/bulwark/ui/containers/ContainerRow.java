package dev.bulwark.ui.containers;

import dev.bulwark.docker.model.ContainerView;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One table row: a stable object per container whose data is a property. A per-second update changes the
 * property, so only the cells bound to it re-render; the table's list is untouched unless rows come, go or
 * change order.
 */
public final class ContainerRow {
    private final String key;
    private final ReadOnlyObjectWrapper<ContainerView> view;

    ContainerRow(ContainerView v) {
        this.key = v.key();
        this.view = new ReadOnlyObjectWrapper<>(this, "view", v);
    }

    /** {@link ContainerView#key()}: engine and container id. */
    public String key() {
        return key;
    }

    public ContainerView view() {
        return view.get();
    }

    public ReadOnlyObjectProperty<ContainerView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    /** True when the data changed. */
    boolean update(ContainerView v) {
        if (v.equals(view.get())) {
            return false;
        }
        view.set(v);
        return true;
    }

    @Override
    public String toString() {
        return key;
    }
}
