package dev.bulwark.ui.scan;

import dev.bulwark.scan.osv.EcosystemStatus;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The advisory database card: per-ecosystem records and age, import, update with progress, cancel. */
final class DatabaseCard {
    private final DatabaseViewModel vm;
    private final ScanPickers pickers;
    private final Supplier<Window> window;
    private final GridPane rows = new GridPane();

    DatabaseCard(DatabaseViewModel vm, ScanPickers pickers, Supplier<Window> window) {
        this.vm = vm;
        this.pickers = pickers;
        this.window = window;
    }

    Node node() {
        Label title = new Label("Advisory database");
        title.getStyleClass().add("title-4");
        Label summary = new Label();
        summary.setId("scan-db-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        summary.setMinHeight(Region.USE_PREF_SIZE);
        rows.setId("scan-db-ecosystems");
        rows.setHgap(10);
        rows.setVgap(2);
        vm.ecosystems().addListener((ListChangeListener<EcosystemStatus>) c -> fill());
        fill();

        Button importButton = new Button("Import…");
        importButton.setId("scan-db-import");
        importButton.setOnAction(e -> vm.importDumps(pickers.dumps(window.get())));
        Button update = new Button("Update");
        update.setId("scan-db-update");
        update.setOnAction(e -> vm.update());
        Button cancel = new Button("Cancel");
        cancel.setId("scan-db-cancel");
        cancel.setOnAction(e -> vm.cancel());
        for (Button b : new Button[] {importButton, update, cancel}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        importButton.disableProperty().bind(vm.busyProperty());
        update.disableProperty().bind(vm.busyProperty());
        cancel.disableProperty().bind(vm.busyProperty().not());

        ProgressBar progress = new ProgressBar();
        progress.setId("scan-db-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(vm.busyProperty());
        Label message = new Label();
        message.setId("scan-db-message");
        message.setWrapText(true);
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(vm.messageProperty());
        message.setMinHeight(Region.USE_PREF_SIZE);
        Label dir = new Label(vm.directory().toString());
        dir.getStyleClass().addAll("text-muted", "text-small");
        dir.setWrapText(true);

        VBox card = new VBox(8, title, summary, rows, new HBox(6, importButton, update, cancel), progress, message, dir);
        card.setId("scan-db-card");
        card.getStyleClass().add("scan-card");
        return card;
    }

    private void fill() {
        rows.getChildren().clear();
        int row = 0;
        for (EcosystemStatus s : vm.ecosystems()) {
            Label age = new Label(AdvisoryStatusText.age(s.ageDays()));
            if (s.stale()) {
                age.getStyleClass().add("stale");
            }
            Label records = new Label(String.format(Locale.US, "%,d", s.records()));
            records.getStyleClass().add("text-muted");
            Label name = new Label(s.ecosystem());
            for (Label l : new Label[] {name, records, age}) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
            rows.addRow(row++, name, records, age);
        }
    }
}
