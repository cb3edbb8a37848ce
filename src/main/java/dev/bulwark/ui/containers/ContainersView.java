package dev.bulwark.ui.containers;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.ui.FeatureView;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Containers: cluster summary on top, the table and the selected container's details, alerts below. */
public final class ContainersView implements FeatureView {
    private static final Logger LOG = LoggerFactory.getLogger(ContainersView.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ContainersViewModel vm;
    private final LogsViewModel logs;
    private final ImageScanViewModel images;
    private Parent root;

    public ContainersView(ContainersViewModel vm, LogsViewModel logs, ImageScanViewModel images) {
        this.vm = Objects.requireNonNull(vm);
        this.logs = Objects.requireNonNull(logs);
        this.images = Objects.requireNonNull(images);
    }

    @Override
    public Parent root() {
        Label title = new Label("Containers");
        title.getStyleClass().addAll("title-2", "view-title");
        ClusterPane cluster = new ClusterPane(vm);
        TextField filter = new TextField();
        filter.setId("containers-filter");
        filter.setPromptText("Filter: name, image, engine, project, health, state:running");
        filter.setPrefColumnCount(34);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox header = new HBox(16, title, cluster.engineChips());
        header.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(header.getChildren().get(1), Priority.ALWAYS);
        header.getChildren().add(filter);

        TableView<ContainerRow> table = ContainerTable.build(vm, images);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectRow(b);
            }
        });
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<ContainerRow>) c -> {
            ContainerRow sel = vm.selectedRow();
            if (sel != null && table.getSelectionModel().getSelectedItem() != sel && vm.visibleRows().contains(sel)) {
                table.getSelectionModel().select(sel);
            }
        });
        DetailPane detail = new DetailPane(vm, logs, images);
        SplitPane split = new SplitPane(table, detail.build());
        javafx.scene.control.MenuItem scanItem = new javafx.scene.control.MenuItem("Scan image");
        scanItem.setId("menu-scan-image");
        scanItem.setOnAction(e -> detail.scanImage());
        scanItem.disableProperty().bind(images.scanningProperty());
        table.setContextMenu(new javafx.scene.control.ContextMenu(scanItem));
        split.setDividerPositions(0.64);
        VBox.setVgrow(split, Priority.ALWAYS);

        VBox top = new VBox(12, header, cluster.build(), split, alerts());
        top.setPadding(new Insets(16, 20, 12, 20));
        BorderPane pane = new BorderPane(top);
        pane.getStylesheets().add(Objects.requireNonNull(
                ContainersView.class.getResource("/dev/bulwark/ui/containers/containers.css")).toExternalForm());
        pane.getStyleClass().add("containers-view");
        vm.onAlert(this::notify);
        root = pane;
        return pane;
    }

    private Parent alerts() {
        ListView<Alert> list = new ListView<>(vm.alerts());
        list.setId("containers-alerts");
        list.setPrefHeight(96);
        list.setMinHeight(72);
        Label empty = new Label("No alerts: unhealthy containers, unexpected exits and restart loops appear here.");
        empty.getStyleClass().add("text-muted");
        list.setPlaceholder(empty);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Alert a, boolean isEmpty) {
                super.updateItem(a, isEmpty);
                getStyleClass().removeAll("alert-unhealthy", "alert-died", "alert-restart_loop");
                if (isEmpty || a == null) {
                    setText(null);
                } else {
                    getStyleClass().add("alert-" + a.kind().name().toLowerCase(java.util.Locale.ROOT));
                    setText(TIME.format(a.at()) + "  " + a.engine() + "  " + a.message());
                }
            }
        });
        Label head = new Label("Alerts");
        head.getStyleClass().add("title-4");
        return new VBox(4, head, list);
    }

    /** A desktop notification; a failure to show one is logged (the alert list still holds the alert). */
    private void notify(Alert a) {
        if (root == null || root.getScene() == null || root.getScene().getWindow() == null
                || !root.getScene().getWindow().isShowing()) {
            return;
        }
        try {
            Notifications.create().owner(root.getScene().getWindow()).title("Container alert: " + a.containerName())
                    .text(a.message()).hideAfter(Duration.seconds(8))
                    .threshold(3, Notifications.create().title("Container alerts")
                            .text("Several containers need attention: see the alert list in Containers."))
                    .showWarning();
        } catch (RuntimeException e) {
            LOG.warn("Could not show a desktop notification for '{}'", a.message(), e);
        }
    }
}
