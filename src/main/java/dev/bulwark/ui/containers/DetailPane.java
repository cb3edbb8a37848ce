package dev.bulwark.ui.containers;

import dev.bulwark.docker.engine.ContainerAction;
import dev.bulwark.docker.history.HistoryPoint;
import dev.bulwark.docker.model.ContainerState;
import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.HealthProbe;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The selected container: actions, charts, health log, logs and inspect data. */
final class DetailPane {
    private final ContainersViewModel vm;
    private final LogsViewModel logs;
    private final ImageScanViewModel images;
    private TabPane tabs;
    private Tab vulnerabilities;

    DetailPane(ContainersViewModel vm, LogsViewModel logs, ImageScanViewModel images) {
        this.vm = vm;
        this.logs = logs;
        this.images = images;
    }

    /** Shows the Vulnerabilities tab and scans the selected container's image. */
    void scanImage() {
        tabs.getSelectionModel().select(vulnerabilities);
        images.scanSelected();
    }

    Node build() {
        Label title = new Label("Select a container");
        title.setId("detail-title");
        title.getStyleClass().add("title-4");
        Label subtitle = new Label("Its charts, health checks, logs and inspect data appear here.");
        subtitle.getStyleClass().add("text-muted");
        subtitle.setWrapText(true);
        subtitle.setMinHeight(Label.USE_PREF_SIZE);

        FlowPane actions = new FlowPane(6, 6);
        for (ContainerAction a : ContainerAction.values()) {
            Button b = new Button(label(a));
            b.setId("action-" + a.name().toLowerCase(Locale.ROOT));
            if (a == ContainerAction.REMOVE || a == ContainerAction.STOP) {
                b.getStyleClass().add(a == ContainerAction.REMOVE ? "danger" : "");
            }
            b.setOnAction(e -> act(b, a));
            b.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> !enabled(vm.selectedProperty().get(), a), vm.selectedProperty()));
            actions.getChildren().add(b);
        }
        Button scanImage = new Button("Scan image");
        scanImage.setId("action-scan-image");
        scanImage.setOnAction(e -> scanImage());
        scanImage.disableProperty().bind(vm.selectedProperty().isNull().or(images.scanningProperty()));
        actions.getChildren().add(scanImage);
        Label message = new Label();
        message.setId("action-message");
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(vm.actionMessageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        Label error = new Label();
        error.setId("action-error");
        error.getStyleClass().add("action-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.actionErrorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());

        TextArea inspect = new TextArea();
        inspect.setId("detail-inspect");
        inspect.setEditable(false);
        inspect.getStyleClass().add("monospace");
        inspect.textProperty().bind(vm.inspect().textProperty());
        ListView<HealthProbe> health = new ListView<>();
        health.setId("detail-health");
        health.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(HealthProbe p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.start() + "  exit " + p.exitCode() + "  " + p.output().strip());
            }
        });
        Label healthEmpty = new Label("No health check configured, or no probe has run yet.");
        healthEmpty.getStyleClass().add("text-muted");
        health.setPlaceholder(healthEmpty);

        vm.selectedProperty().addListener((o, a, v) -> {
            if (v == null) {
                title.setText("Select a container");
                subtitle.setText("The container is gone or none is selected.");
                health.getItems().clear();
            } else {
                title.setText(v.details().name());
                subtitle.setText(v.engine() + " · " + v.details().shortId() + " · " + v.details().image() + " · "
                        + ContainerTable.stateText(v) + (v.details().health().label().equals("none") ? ""
                        : " · " + v.details().health().label() + " (failing streak " + v.details().failingStreak() + ")"));
                health.getItems().setAll(v.details().lastProbes().reversed());
            }
            logs.show(v);
        });

        vulnerabilities = tab("Vulnerabilities", new ImageScanPane(images).build());
        tabs = new TabPane(
                tab("Charts", charts()),
                tab("Health", health),
                tab("Logs", new LogsPane(logs).build()),
                tab("Inspect", inspectPane(inspect)),
                vulnerabilities);
        tabs.setId("detail-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox box = new VBox(8, title, subtitle, actions, message, error, tabs);
        box.setPadding(new Insets(8, 8, 8, 12));
        box.getStyleClass().add("detail-pane");
        return box;
    }

    /** The engine's inspect document, fetched when the selection changes and on Refresh. */
    private Node inspectPane(TextArea inspect) {
        Button refresh = new Button("Refresh");
        refresh.setId("inspect-refresh");
        refresh.setOnAction(e -> vm.refreshInspect());
        refresh.disableProperty().bind(vm.selectedProperty().isNull());
        Label note = new Label("As the engine reports it (docker inspect)");
        note.getStyleClass().add("text-muted");
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(8, refresh, note);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId("inspect-error");
        error.getStyleClass().add("action-error");
        error.setWrapText(true);
        error.setMinHeight(Label.USE_PREF_SIZE);
        error.textProperty().bind(vm.inspect().errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        VBox.setVgrow(inspect, Priority.ALWAYS);
        VBox box = new VBox(6, bar, error, inspect);
        box.setPadding(new Insets(6, 0, 0, 0));
        return box;
    }

    private static Tab tab(String name, Node content) {
        Tab t = new Tab(name, content);
        t.setId("tab-" + name.toLowerCase(Locale.ROOT));
        return t;
    }

    private static String label(ContainerAction a) {
        String s = a.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + (a == ContainerAction.REMOVE ? "…" : "");
    }

    private static boolean enabled(ContainerView v, ContainerAction a) {
        if (v == null || v.stale()) {
            return false;
        }
        ContainerState s = v.details().state();
        return switch (a) {
            case START -> !s.hasProcesses();
            case STOP, RESTART -> s == ContainerState.RUNNING || s == ContainerState.RESTARTING;
            case PAUSE -> s == ContainerState.RUNNING;
            case UNPAUSE -> s == ContainerState.PAUSED;
            case REMOVE -> true;
        };
    }

    /** Stop and remove ask first; the rest run at once. */
    private void act(Node source, ContainerAction a) {
        ContainerView v = vm.selectedProperty().get();
        if (v == null) {
            return;
        }
        if (a != ContainerAction.STOP && a != ContainerAction.REMOVE) {
            vm.perform(v, a);
            return;
        }
        String verb = a == ContainerAction.REMOVE ? "Remove" : "Stop";
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                a == ContainerAction.REMOVE
                        ? "Remove " + v.details().name() + " on " + v.engine() + "? A running container is killed first; this cannot be undone."
                        : "Stop " + v.details().name() + " on " + v.engine() + "?",
                ButtonType.OK, ButtonType.CANCEL);
        confirm.setTitle(verb + " container");
        confirm.setHeaderText(verb + " " + v.details().name() + "?");
        confirm.initOwner(source.getScene().getWindow());
        confirm.getDialogPane().setId("confirm-dialog");
        confirm.getDialogPane().lookupButton(ButtonType.OK).setId("confirm-ok");
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setText(verb);
        confirm.setOnHidden(e -> {
            if (confirm.getResult() == ButtonType.OK) {
                vm.perform(v, a);
            }
        });
        confirm.show();
    }

    private Node charts() {
        LineChart<Number, Number> cpu = chart("CPU %", "detail-cpu-chart");
        LineChart<Number, Number> mem = chart("MiB", "detail-mem-chart");
        XYChart.Series<Number, Number> cpuSeries = new XYChart.Series<>();
        XYChart.Series<Number, Number> memSeries = new XYChart.Series<>();
        cpu.getData().add(cpuSeries);
        mem.getData().add(memSeries);
        vm.selectedHistory().addListener((ListChangeListener<HistoryPoint>) c -> {
            cpuSeries.getData().setAll(Charts.points(vm.selectedHistory(), vm.now(), HistoryPoint::cpuPercent));
            memSeries.getData().setAll(Charts.points(vm.selectedHistory(), vm.now(), p -> p.memUsageBytes() / 1048576.0));
        });
        VBox box = new VBox(4, cpu, mem);
        VBox.setVgrow(cpu, Priority.ALWAYS);
        VBox.setVgrow(mem, Priority.ALWAYS);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    private static LineChart<Number, Number> chart(String yLabel, String id) {
        NumberAxis x = new NumberAxis(-15, 0, 5);
        x.setLabel("minutes ago");
        x.setAutoRanging(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(true);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId(id);
        c.setCreateSymbols(false);
        c.setAnimated(false);
        c.setLegendVisible(false);
        c.setMinHeight(120);
        return c;
    }
}
