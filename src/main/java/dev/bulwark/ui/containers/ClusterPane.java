package dev.bulwark.ui.containers;

import dev.bulwark.docker.history.HistoryPoint;
import dev.bulwark.docker.model.EngineStatus;
import dev.bulwark.docker.model.Totals;
import dev.bulwark.docker.stats.Units;
import dev.bulwark.ui.TileTheme;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Cluster summary: engine states, CPU and memory gauges, counts, totals by group and a 15-minute chart. */
final class ClusterPane {
    private final ContainersViewModel vm;
    private Tile cpu;
    private Tile mem;

    ClusterPane(ContainersViewModel vm) {
        this.vm = vm;
    }

    /** The engine chips line, placed in the view's header. */
    Node engineChips() {
        FlowPane chips = new FlowPane(8, 4);
        chips.setId("containers-engines");
        Runnable sync = () -> {
            chips.getChildren().clear();
            for (EngineStatus s : vm.engines()) {
                Label l = new Label(s.engine() + ": " + s.describe(vm.now()));
                l.getStyleClass().addAll("engine-chip", "engine-" + s.kind().name().toLowerCase(java.util.Locale.ROOT));
                chips.getChildren().add(l);
            }
            if (vm.engines().isEmpty()) {
                Label l = new Label(vm.received() ? "No engine configured (add one in Settings)." : "Connecting to the engines…");
                l.getStyleClass().add("text-muted");
                chips.getChildren().add(l);
            }
        };
        vm.engines().addListener((ListChangeListener<EngineStatus>) c -> sync.run());
        sync.run();
        return chips;
    }

    Node build() {
        javafx.scene.layout.StackPane cpuHost = new javafx.scene.layout.StackPane();
        TileTheme theme = new TileTheme(cpuHost);
        cpu = theme.add(gauge("Cluster CPU", "%"));
        cpu.setId("containers-cpu-gauge");
        cpuHost.getChildren().add(cpu);
        mem = theme.add(gauge("Cluster memory", "%"));
        mem.setId("containers-mem-gauge");
        vm.totalsProperty().addListener((o, a, b) -> updateGauges(b));
        vm.memCapacityProperty().addListener((o, a, b) -> updateGauges(vm.totalsProperty().get()));
        vm.cpuCapacityProperty().addListener((o, a, b) -> updateGauges(vm.totalsProperty().get()));
        HBox row = new HBox(16, cpuHost, mem,
                counts(), groups(), chart());
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("cluster-pane");
        updateGauges(vm.totalsProperty().get());
        return row;
    }

    private Tile gauge(String title, String unit) {
        return TileBuilder.create().skinType(Tile.SkinType.GAUGE).prefSize(170, 150).title(title).unit(unit)
                .decimals(1).minValue(0).maxValue(100).animated(false).thresholdVisible(false).build();
    }

    private void updateGauges(Totals t) {
        // The machines' CPUs when the engines said (100 % per CPU, as docker stats counts), else the next hundred.
        double capacity = vm.cpuCapacityProperty().get();
        double cpuMax = Math.max(capacity > 0 ? capacity : 100, Math.ceil(t.cpuPercent() / 100.0) * 100);
        cpu.setMaxValue(cpuMax);
        cpu.setTitle(capacity > 0 ? "CPU of " + Math.round(capacity / 100) + " CPUs" : "Cluster CPU");
        cpu.setValue(t.cpuPercent());
        long cap = vm.memCapacityProperty().get();
        mem.setValue(cap > 0 ? 100.0 * t.memUsageBytes() / cap : 0);
        mem.setTitle("Memory " + Units.binary(t.memUsageBytes()) + (cap > 0 ? " of " + Units.binary(cap) : ""));
    }

    private Node counts() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(4);
        g.getStyleClass().add("cluster-counts");
        String[] names = {"Total", "Running", "Healthy", "Unhealthy", "Stopped", "Paused", "Stale"};
        Label[] values = new Label[names.length];
        for (int i = 0; i < names.length; i++) {
            Label n = new Label(names[i]);
            n.getStyleClass().add("text-muted");
            n.setMinWidth(Label.USE_PREF_SIZE);
            values[i] = new Label("0");
            values[i].setId("containers-count-" + names[i].toLowerCase(java.util.Locale.ROOT));
            values[i].getStyleClass().add("count-value");
            values[i].setMinWidth(Label.USE_PREF_SIZE);
            g.addRow(i, n, values[i]);
        }
        values[3].getStyleClass().add("count-danger");
        values[6].getStyleClass().add("count-warning");
        Runnable sync = () -> {
            Totals t = vm.totalsProperty().get();
            int[] v = {t.total(), t.running(), t.healthy(), t.unhealthy(), t.stopped(), t.paused(), t.stale()};
            for (int i = 0; i < v.length; i++) {
                values[i].setText(String.valueOf(v[i]));
            }
        };
        vm.totalsProperty().addListener((o, a, b) -> sync.run());
        sync.run();
        return g;
    }

    private Node groups() {
        ChoiceBox<ContainerQuery.GroupBy> by = new ChoiceBox<>();
        by.setId("containers-group-by");
        by.getItems().setAll(ContainerQuery.GroupBy.values());
        by.valueProperty().bindBidirectional(vm.groupByProperty());
        TableView<ContainersViewModel.GroupTotals> t = new TableView<>(vm.groups());
        t.setId("containers-groups");
        t.setPrefSize(400, 148);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("No containers"));
        t.getColumns().add(col("Group", 88, g -> g.key()));
        t.getColumns().add(col("Running", 78, g -> String.valueOf(g.totals().running())));
        t.getColumns().add(col("All", 44, g -> String.valueOf(g.totals().total())));
        t.getColumns().add(col("CPU", 76, g -> Units.percent(g.totals().cpuPercent())));
        t.getColumns().add(col("Memory", 90, g -> Units.binary(g.totals().memUsageBytes())));
        Label l = new Label("Totals by");
        l.getStyleClass().add("text-muted");
        HBox head = new HBox(8, l, by);
        head.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, head, t);
    }

    private static TableColumn<ContainersViewModel.GroupTotals, String> col(
            String title, double w, java.util.function.Function<ContainersViewModel.GroupTotals, String> f) {
        TableColumn<ContainersViewModel.GroupTotals, String> c = new TableColumn<>(title);
        c.setPrefWidth(w);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private Node chart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("minutes ago");
        x.setAutoRanging(false);
        x.setLowerBound(-15);
        x.setUpperBound(0);
        x.setTickUnit(5);
        NumberAxis y = new NumberAxis();
        y.setLabel("CPU %");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("containers-cluster-chart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setTitle("Cluster CPU, last 15 minutes");
        chart.setPrefSize(360, 160);
        chart.setMinHeight(140);
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        chart.getData().add(series);
        vm.clusterHistory().addListener((ListChangeListener<HistoryPoint>) c ->
                series.getData().setAll(Charts.points(vm.clusterHistory(), vm.now(), HistoryPoint::cpuPercent)));
        HBox.setHgrow(chart, Priority.ALWAYS);
        return chart;
    }
}
