package dev.bulwark.ui.containers;

import dev.bulwark.ui.TextColumns;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.ui.scan.SeverityChip;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.SelectionMode;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The detail pane's Vulnerabilities tab: Scan image / Cancel with per-layer progress, the active findings per
 * severity, and two views of them: a table by severity and a tree by layer (digest and {@code created_by}).
 */
final class ImageScanPane {
    private final ImageScanViewModel vm;

    ImageScanPane(ImageScanViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        Button scan = new Button("Scan image");
        scan.setId("image-scan");
        scan.setDefaultButton(false);
        scan.setOnAction(e -> vm.scanSelected());
        scan.disableProperty().bind(vm.scanningProperty().or(vm.containerProperty().isNull()));
        scan.textProperty().bind(Bindings.when(vm.shownProperty().isNull()).then("Scan image").otherwise("Scan again"));
        Button cancel = new Button("Cancel");
        cancel.setId("image-scan-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.scanningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("image-scan-progress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.scanningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        HBox bar = new HBox(8, scan, cancel, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("image-scan-message");
        message.getStyleClass().add("text-muted");
        message.setWrapText(true);
        message.setMinHeight(Label.USE_PREF_SIZE);
        message.textProperty().bind(vm.messageProperty());

        FlowPane counts = new FlowPane(6, 4);
        counts.setId("image-scan-counts");
        vm.counts().addListener((ListChangeListener<ImageScanViewModel.SeverityCount>) c -> {
            counts.getChildren().clear();
            for (ImageScanViewModel.SeverityCount sc : vm.counts()) {
                Label chip = SeverityChip.of(sc.severity());
                chip.setText(sc.count() + " " + sc.severity().label());
                if (sc.count() == 0) {
                    chip.setOpacity(0.45);
                }
                counts.getChildren().add(chip);
            }
        });

        TabPane views = new TabPane(new Tab("By severity", bySeverity()), new Tab("By layer", byLayer()));
        views.setId("image-scan-views");
        views.getTabs().get(0).setId("image-tab-severity");
        views.getTabs().get(1).setId("image-tab-layers");
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(views, Priority.ALWAYS);
        VBox box = new VBox(6, bar, message, counts, views);
        box.setPadding(new Insets(6, 0, 0, 0));
        box.getStylesheets().add(SeverityChip.STYLESHEET);
        return box;
    }

    private Node bySeverity() {
        TableView<Finding> table = new TableView<>(vm.findings());
        table.setId("image-findings");
        TableColumn<Finding, String> severity = TextColumns.of("Severity", 84, f -> f.severity().rating().label());
        severity.setMinWidth(84);
        table.getColumns().add(severity);
        TableColumn<Finding, String> id = TextColumns.of("ID", 150, Finding::id);
        id.setMinWidth(130);
        table.getColumns().add(id);
        table.getColumns().add(TextColumns.of("Package", 110, Finding::packageName));
        // One column for the version and its fix: the detail pane is narrow, and the layer is in "By layer".
        table.getColumns().add(TextColumns.of("Installed → fixed", 130, f -> f.version() + " → "
                + (f.firstFixed() == null ? "no fix" : f.firstFixed())));
        table.setFixedCellSize(30);
        severity.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(null);
                setGraphic(empty || s == null ? null
                        : SeverityChip.of(dev.bulwark.scan.match.Severity.valueOf(s.toUpperCase(Locale.ROOT))));
            }
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setTableMenuButtonVisible(false);
        Label empty = new Label("No active findings to show.");
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);
        return table;
    }

    /** Layers as parents ({@code #3 sha256:abc… RUN pip install …}), their findings as children. */
    private Node byLayer() {
        TreeTableView<Object> tree = new TreeTableView<>();
        tree.setId("image-layers");
        tree.setShowRoot(false);
        tree.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        TreeTableColumn<Object, String> what = new TreeTableColumn<>("Layer / finding");
        what.setPrefWidth(260);
        what.setCellValueFactory(cd -> new ReadOnlyStringWrapper(switch (cd.getValue().getValue()) {
            case LayerFindings l -> "#" + l.index() + " " + l.shortDigest().substring(l.shortDigest().indexOf(':') + 1)
                    + " · " + l.packages() + " pkg · " + l.findings().size()
                    + (l.findings().size() == 1 ? " finding" : " findings");
            case Finding f -> f.severity().rating().label() + "  " + f.id() + "  " + f.packageName() + " " + f.version();
            default -> "";
        }));
        TreeTableColumn<Object, String> createdBy = new TreeTableColumn<>("created_by");
        createdBy.setPrefWidth(320);
        createdBy.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().getValue() instanceof LayerFindings l
                ? l.command() : ""));
        what.setPrefWidth(300);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.getColumns().addAll(java.util.List.of(what, createdBy));
        TreeItem<Object> root = new TreeItem<>();
        tree.setRoot(root);
        vm.layers().addListener((ListChangeListener<LayerFindings>) c -> {
            root.getChildren().clear();
            for (LayerFindings l : vm.layers()) {
                TreeItem<Object> item = new TreeItem<>(l);
                l.findings().forEach(f -> item.getChildren().add(new TreeItem<>(f)));
                item.setExpanded(!l.findings().isEmpty());
                root.getChildren().add(item);
            }
        });
        Label empty = new Label("Scan the image to see its layers.");
        empty.getStyleClass().add("text-muted");
        tree.setPlaceholder(empty);
        return tree;
    }
}
