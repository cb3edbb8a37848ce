package dev.bulwark.ui.settings;

import dev.bulwark.settings.DockerSettings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Rows of the Settings grid for Docker engines and alert thresholds. */
final class DockerSettingsSection {
    private DockerSettingsSection() {
    }

    /** Adds the section's rows from {@code row} on; returns the next free row. */
    static int addTo(GridPane grid, int row, DockerSettingsViewModel vm) {
        grid.addRow(row++, SettingsView.section("Container engines"));
        Label defaultNote = new Label("The default engine (DOCKER_HOST or the platform socket) is always monitored.");
        defaultNote.getStyleClass().add("text-muted");
        ListView<DockerSettings.Engine> list = new ListView<>(vm.engines());
        list.setId("settings-docker-engines");
        list.setPrefHeight(110);
        Label none = new Label("No additional engines.");
        none.getStyleClass().add("text-muted");
        list.setPlaceholder(none);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(DockerSettings.Engine e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label text = new Label(e.name() + "  —  " + e.uri() + (e.tlsCertDir() == null ? "" : "  (TLS: " + e.tlsCertDir() + ")"));
                HBox.setHgrow(text, Priority.ALWAYS);
                text.setMaxWidth(Double.MAX_VALUE);
                Button remove = new Button("Remove");
                remove.setId("settings-docker-remove-" + e.name());
                remove.setOnAction(ev -> vm.removeEngine(e));
                HBox box = new HBox(8, text, remove);
                box.setAlignment(Pos.CENTER_LEFT);
                setText(null);
                setGraphic(box);
            }
        });
        grid.addRow(row++, new Label("Engines"), new VBox(6, defaultNote, list));

        TextField name = field("settings-docker-name", "name", 10, vm.newNameProperty());
        TextField uri = field("settings-docker-uri", "unix:///…/docker.sock, npipe://…, tcp://host:2376", 26, vm.newUriProperty());
        TextField tls = field("settings-docker-tls", "TLS certificate dir (tcp)", 16, vm.newTlsDirProperty());
        Button add = new Button("Add engine");
        add.setId("settings-docker-add");
        add.setOnAction(e -> vm.addEngine());
        HBox form = new HBox(8, name, uri, tls, add);
        form.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(row++, new Label("Add"), form);

        CheckBox allow = new CheckBox("Allow plain tcp to a non-loopback host (anyone on the network path could control that engine)");
        allow.setId("settings-docker-allow-tcp");
        allow.selectedProperty().bindBidirectional(vm.allowNonLoopbackTcpProperty());
        grid.addRow(row++, new Label(""), allow);
        Label error = new Label();
        error.setId("settings-docker-error");
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        grid.addRow(row++, new Label(""), error);

        Spinner<Integer> count = spinner("settings-docker-restart-count", 1, 100, vm.restartLoopCountProperty());
        Spinner<Integer> window = spinner("settings-docker-restart-window", 1, 120, vm.restartLoopWindowMinutesProperty());
        HBox loop = new HBox(8, new Label("Alert when a container restarts more than"), count, new Label("times in"),
                window, new Label("minutes"));
        loop.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(row++, new Label("Restart loop"), loop);
        return row;
    }

    private static TextField field(String id, String prompt, int cols, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(cols);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static Spinner<Integer> spinner(String id, int min, int max, javafx.beans.property.IntegerProperty p) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(80);
        s.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                p.set(b);
            }
        });
        return s;
    }
}
