package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.sim.ClientResult;
import dev.bulwark.ratelimit.sim.LimiterResult;
import dev.bulwark.settings.Settings.Theme;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/** The results side: gauges, notes and problems, live charts, the strategy comparison and per-client table. */
final class ResultsPane {
    private final RateLimiterViewModel vm;
    private final ObservableValue<Theme> theme;

    ResultsPane(RateLimiterViewModel vm, ObservableValue<Theme> theme) {
        this.vm = vm;
        this.theme = theme;
    }

    Node build() {
        Tile accept = TileBuilder.create().skinType(Tile.SkinType.GAUGE).title("Accept ratio").unit("%")
                .minValue(0).maxValue(100).decimals(1).animated(false).thresholdVisible(false).prefSize(200, 160)
                .build();
        accept.setId("ratelimit-gauge-accept");
        accept.valueProperty().bind(vm.acceptPercentProperty());
        Tile rate = TileBuilder.create().skinType(Tile.SkinType.NUMBER).title("Decisions per second")
                .decimals(0).customDecimalFormatEnabled(true)
                .customDecimalFormat(new java.text.DecimalFormat("#,##0",
                        java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .animated(false).prefSize(200, 160).build();
        javafx.scene.control.Tooltip.install(rate, new javafx.scene.control.Tooltip(
                "While running in real time: decisions in the last second. After a run: decisions per wall-clock"
                        + " second, i.e. how fast this machine simulated."));
        rate.setId("ratelimit-gauge-rate");
        for (Tile t : new Tile[]{accept, rate}) {
            t.setMinSize(200, 160);
            t.setMaxSize(200, 160);
        }
        rate.valueProperty().bind(vm.decisionsPerSecondProperty());
        theme.addListener((o, a, b) -> colour(b, accept, rate));
        colour(theme.getValue(), accept, rate);

        ComboBox<String> focus = new ComboBox<>(vm.limiterNames());
        focus.setId("ratelimit-focus");
        focus.valueProperty().bindBidirectional(vm.focusProperty());
        focus.setPromptText("no run yet");
        Label focusLabel = new Label("Gauges and clients for");
        focusLabel.getStyleClass().add("text-muted");

        Label notes = new Label();
        notes.setId("ratelimit-notes");
        notes.textProperty().bind(vm.notesProperty());
        notes.getStyleClass().add("rl-note");
        notes.setWrapText(true);
        notes.setMinHeight(Region.USE_PREF_SIZE);
        notes.visibleProperty().bind(vm.notesProperty().isNotEmpty());
        notes.managedProperty().bind(notes.visibleProperty());
        Label store = ScenarioFormView.error(vm.storeProblemProperty());
        store.setId("ratelimit-store-problem");

        ListView<String> problems = new ListView<>(vm.problems());
        problems.setId("ratelimit-problems");
        problems.setPrefHeight(84);
        problems.setMinHeight(60);
        problems.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.problems()));
        problems.managedProperty().bind(problems.visibleProperty());
        problems.getStyleClass().add("rl-problems");
        problems.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(24));
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });

        javafx.scene.control.ScrollPane notesScroll = new javafx.scene.control.ScrollPane(notes);
        notesScroll.setFitToWidth(true);
        notesScroll.setMaxHeight(112);
        notesScroll.getStyleClass().add("edge-to-edge");
        notesScroll.visibleProperty().bind(notes.visibleProperty());
        notesScroll.managedProperty().bind(notes.visibleProperty());
        VBox side = new VBox(8, new VBox(4, focusLabel, focus), notesScroll, store);
        HBox.setHgrow(side, Priority.ALWAYS);
        HBox top = new HBox(12, accept, rate, side);

        SeriesCharts charts = new SeriesCharts(vm.samples());
        HBox chartRow = new HBox(8, charts.allowed(), charts.rejected());
        HBox.setHgrow(charts.allowed(), Priority.ALWAYS);
        HBox.setHgrow(charts.rejected(), Priority.ALWAYS);

        TabPane tabs = new TabPane(new Tab("Comparison", comparison()), new Tab("Per client", perClient()),
                new Tab("Clients per second", clientsPerSecond()));
        tabs.setId("ratelimit-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setMinHeight(120);

        javafx.scene.control.SplitPane lower = new javafx.scene.control.SplitPane(chartRow, tabs);
        lower.setOrientation(javafx.geometry.Orientation.VERTICAL);
        lower.setDividerPositions(0.52);
        VBox.setVgrow(lower, Priority.ALWAYS);
        VBox box = new VBox(10, top, problems, lower);
        box.getStyleClass().add("rl-results");
        return box;
    }

    private TableView<LimiterResult> comparison() {
        TableView<LimiterResult> t = new TableView<>(vm.comparison());
        t.setId("ratelimit-comparison");
        Label empty = new Label();
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(vm.runningProperty())
                .then("Totals appear when the run completes or is stopped; the charts show each second as it ends.")
                .otherwise("No results yet: run a scenario. Every limiter sees identical traffic."));
        t.setPlaceholder(empty);
        t.getColumns().add(col("Limiter", LimiterResult::limiter, 90));
        t.getColumns().add(col("Strategy", LimiterResult::strategy, 110));
        t.getColumns().add(col("Offered", l -> fmt(l.offered()), 80));
        t.getColumns().add(col("Allowed", l -> fmt(l.allowed()), 80));
        t.getColumns().add(col("Rejected", l -> fmt(l.rejected()), 90));
        t.getColumns().add(col("Accept", l -> pct(l.allowed(), l.offered()), 70));
        TableColumn<LimiterResult, String> max = col("Max in window", l -> String.format(Locale.ROOT, "%,d (%.2fx)",
                l.maxInWindow(), l.maxInWindowRatio()), 135);
        max.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                LimiterResult r = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("rl-over-limit");
                if (r != null && r.maxInWindowRatio() > 1.0) {
                    getStyleClass().add("rl-over-limit");
                }
            }
        });
        t.getColumns().add(max);
        t.getColumns().add(col("Jain", l -> String.format(Locale.ROOT, "%.3f", l.jain()), 60));
        t.getColumns().add(col("p50 µs", l -> String.format(Locale.ROOT, "%.2f", l.p50Micros()), 70));
        t.getColumns().add(col("p99 µs", l -> String.format(Locale.ROOT, "%.2f", l.p99Micros()), 70));
        t.getColumns().add(col("Configuration", LimiterResult::config, 220));
        t.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.focusProperty().set(b.limiter());
            }
        });
        return t;
    }

    private Node perClient() {
        TableView<ClientResult> table = clients();
        table.setMinWidth(300);
        StackedBarChart<String, Number> chart = new ClientChart(vm.clientResults()).node();
        chart.setMinWidth(300);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(table, chart);
        split.setDividerPositions(0.45);
        return split;
    }

    private Node clientsPerSecond() {
        ClientSeriesCharts charts = new ClientSeriesCharts(vm.clientLines(), vm.focusProperty());
        HBox row = new HBox(8, charts.allowed(), charts.rejected());
        HBox.setHgrow(charts.allowed(), Priority.ALWAYS);
        HBox.setHgrow(charts.rejected(), Priority.ALWAYS);
        Label empty = new Label();
        empty.setId("ratelimit-client-series-empty");
        empty.getStyleClass().add("text-muted");
        empty.setWrapText(true);
        empty.textProperty().bind(javafx.beans.binding.Bindings.when(vm.runningProperty())
                .then("Each client's seconds appear as a real-time run goes, or when a virtual-time run ends.")
                .otherwise("No per-client seconds yet: run a scenario. The busiest "
                        + RateLimiterViewModel.CHART_CLIENTS + " clients of the limiter chosen above get a line"
                        + " each; everyone else is 'other clients'."));
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.clientLines()));
        Label caption = new Label("Seconds in which a client was not among the " + vm.breakdownClients()
                + " busiest count under 'other clients'.");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        caption.setId("ratelimit-client-series-caption");
        caption.getStyleClass().add("text-muted");
        VBox content = new VBox(2, row, caption);
        VBox.setVgrow(row, Priority.ALWAYS);
        content.setPadding(new javafx.geometry.Insets(0, 0, 4, 8));
        content.visibleProperty().bind(empty.visibleProperty().not());
        return new javafx.scene.layout.StackPane(content, empty);
    }

    private TableView<ClientResult> clients() {
        TableView<ClientResult> t = new TableView<>(vm.clientResults());
        t.setId("ratelimit-clients");
        t.setPlaceholder(new Label("Per-client totals appear when a run completes or is stopped."));
        t.getColumns().add(col("Client", ClientResult::client, 160));
        t.getColumns().add(col("Offered", c -> fmt(c.offered()), 90));
        t.getColumns().add(col("Allowed", c -> fmt(c.allowed()), 90));
        t.getColumns().add(col("Rejected", c -> fmt(c.offered() - c.allowed()), 90));
        t.getColumns().add(col("Satisfaction", c -> pct(c.allowed(), c.offered()), 100));
        return t;
    }

    private static <T> TableColumn<T, String> col(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static String fmt(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    /** TilesFX colours are not CSS: follow the app theme by hand so both themes read well. */
    private static void colour(Theme theme, Tile... tiles) {
        boolean light = theme == Theme.LIGHT;
        for (Tile t : tiles) {
            t.setBackgroundColor(light ? Color.web("#f6f8fa") : Color.web("#161b22"));
            Color fg = light ? Color.web("#1f2328") : Color.web("#e6edf3");
            t.setTitleColor(fg);
            t.setValueColor(fg);
            t.setUnitColor(fg);
            t.setTextColor(light ? Color.web("#656d76") : Color.web("#8d96a0"));
            t.setDescriptionColor(light ? Color.web("#656d76") : Color.web("#8d96a0"));
            t.setBarColor(light ? Color.web("#0969da") : Color.web("#2f81f7"));
            t.setBarBackgroundColor(light ? Color.web("#d0d7de") : Color.web("#30363d"));
            t.setNeedleColor(fg);
        }
    }
}
