package dev.bulwark.ui.ratelimit;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One client group as the form edits it: free text, checked when the scenario is built.
 * {@code traffic} uses the scenario file's keys, e.g. {@code poisson rate=2} or
 * {@code onoff rate=200 on=2s off=8s}; {@code operations} is a weighted mix such as {@code read=9, export=1}.
 */
public final class ClientRow {
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty count = new SimpleStringProperty("1");
    private final StringProperty key = new SimpleStringProperty("per-client");
    private final StringProperty traffic = new SimpleStringProperty("poisson rate=1");
    private final StringProperty operations = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");

    /** A row with the given values. */
    public ClientRow(String name, String count, String key, String traffic, String operations) {
        this.name.set(name);
        this.count.set(count);
        this.key.set(key);
        this.traffic.set(traffic);
        this.operations.set(operations);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty countProperty() {
        return count;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty trafficProperty() {
        return traffic;
    }

    public StringProperty operationsProperty() {
        return operations;
    }

    /** The problem with this row, empty when it is fine. */
    public StringProperty errorProperty() {
        return error;
    }
}
