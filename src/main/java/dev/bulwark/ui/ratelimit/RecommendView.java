package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.recommend.ExportFormat;
import dev.bulwark.ratelimit.recommend.KeyBy;
import dev.bulwark.ratelimit.recommend.Verification;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * "Recommend from log…": options, the recommendations table, the distribution of per-key needs with the chosen
 * limit and the target drawn on it, the capacity/rate frontier with the chosen point, the throttled keys, and
 * Export with a preview. Only wires nodes to the {@link RecommendViewModel}.
 */
public final class RecommendView {
    private final RecommendViewModel vm;
    private final FilePicker files;

    public RecommendView(RecommendViewModel vm, FilePicker files) {
        this.vm = vm;
        this.files = files;
    }

    /** Opens the flow in its own window owned by {@code owner}. */
    public Stage open(Window owner) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Recommend limits from an access log");
        stage.setScene(new Scene(root(), 1320, 860));
        stage.setOnHidden(e -> vm.stop());
        stage.show();
        return stage;
    }

    /** The whole flow. */
    public Parent root() {
        BorderPane root = new BorderPane();
        root.setTop(options());
        SplitPane upper = new SplitPane(recommendations(), distributionChart(), frontierChart());
        upper.setDividerPositions(0.38, 0.69);
        SplitPane lower = new SplitPane(throttledTable(), exportPane());
        lower.setDividerPositions(0.5);
        Label why = new Label();
        why.setId("recommend-why");
        why.textProperty().bind(vm.whyProperty());
        why.setWrapText(true);
        why.getStyleClass().add("text-small");
        why.setMinHeight(Region.USE_PREF_SIZE);
        VBox lowerBox = new VBox(6, why, lower);
        VBox.setVgrow(lower, Priority.ALWAYS);
        SplitPane main = new SplitPane(upper, lowerBox);
        main.setOrientation(javafx.geometry.Orientation.VERTICAL);
        main.setDividerPositions(0.55);
        root.setCenter(main);
        root.setPadding(new Insets(14, 16, 12, 16));
        root.getStyleClass().addAll("ratelimit-view", "recommend-view");
        root.getStylesheets().add(Objects.requireNonNull(
                RecommendView.class.getResource("/dev/bulwark/ui/ratelimit/ratelimit.css")).toExternalForm());
        return root;
    }

    private Node options() {
        TextField log = new TextField();
        log.setId("recommend-log");
        log.setPromptText("access.log or access.log.gz");
        log.textProperty().bindBidirectional(vm.logFileProperty());
        HBox.setHgrow(log, Priority.ALWAYS);
        Button browse = new Button("Browse…", new FontIcon(Material2AL.FOLDER_OPEN));
        browse.setId("recommend-browse");
        browse.setOnAction(e -> files.pick(window(browse), "Access log", false, null, "log", "gz", "txt", "*")
                .ifPresent(p -> vm.logFileProperty().set(p.toString())));
        ComboBox<KeyBy> key = new ComboBox<>();
        key.setId("recommend-key");
        key.getItems().setAll(KeyBy.values());
        key.valueProperty().bindBidirectional(vm.keyByProperty());
        key.setConverter(new StringConverter<>() {
            @Override
            public String toString(KeyBy k) {
                return k == null ? "" : k.id();
            }

            @Override
            public KeyBy fromString(String s) {
                return KeyBy.fromId(s);
            }
        });
        TextField target = field("recommend-target", vm.targetProperty(), 60);
        TextField windows = field("recommend-windows", vm.windowsProperty(), 90);
        TextField exclude = field("recommend-exclude-paths", vm.excludePathsProperty(), 150);
        exclude.setPromptText("/static/, /favicon.ico");
        TextField agent = field("recommend-exclude-agent", vm.excludeAgentProperty(), 150);
        agent.setPromptText("(?i)bot|crawler");
        Button run = new Button("Recommend", new FontIcon(Material2MZ.PLAY_ARROW));
        run.setId("recommend-run");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.start());
        Button stop = new Button("Stop", new FontIcon(Material2MZ.STOP));
        stop.setId("recommend-stop");
        stop.disableProperty().bind(vm.runningProperty().not());
        stop.setOnAction(e -> vm.stop());

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, label("Log"), new HBox(6, log, browse), label("Key"), key, label("Target %"), target,
                label("Windows"), windows);
        g.addRow(1, label("Exclude paths"), exclude, label("Exclude agents"), agent);
        GridPane.setColumnSpan(agent, 5);
        GridPane.setHgrow(g.getChildren().get(1), Priority.ALWAYS);
        HBox actions = new HBox(8, run, stop);
        g.add(actions, 8, 1);

        ProgressBar progress = new ProgressBar();
        progress.setId("recommend-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(160);
        Label status = new Label();
        status.setId("recommend-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("text-muted");
        HBox statusRow = new HBox(10, progress, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        ListView<String> problems = new ListView<>(vm.problems());
        problems.setId("recommend-problems");
        problems.setPrefHeight(56);
        problems.getStyleClass().add("rl-note");
        problems.managedProperty().bind(problems.visibleProperty());
        problems.setVisible(false);
        vm.problems().addListener((ListChangeListener<String>) c -> problems.setVisible(!vm.problems().isEmpty()));
        Label title = new Label("Recommend limits from an access log");
        title.getStyleClass().addAll("title-3");
        VBox top = new VBox(8, title, g, statusRow, problems);
        top.setPadding(new Insets(0, 0, 10, 0));
        return top;
    }

    private Node recommendations() {
        TableView<RecommendViewModel.Row> t = new TableView<>(vm.rows());
        t.setId("recommend-table");
        t.getColumns().add(column("Strategy", 112, r -> r.strategy()));
        t.getColumns().add(column("Parameters", 140, r -> r.parameters()));
        t.getColumns().add(column("Keys", 52, r -> r.keysThrottled()));
        t.getColumns().add(column("Requests", 84, r -> r.requestsThrottled()));
        t.getColumns().forEach(c -> c.setMinWidth(c.getText().equals("Parameters") ? 110 : 48));
        t.getColumns().get(3).setMinWidth(80);
        t.getColumns().add(column("1 less", 64, r -> r.oneLess()));
        t.setTooltip(new javafx.scene.control.Tooltip("Keys and requests throttled when the log is replayed through"
                + " the limiter; '1 less': keys throttled with one unit less (more than the target allows)"));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("No recommendation yet"));
        t.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b.recommendation());
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            for (RecommendViewModel.Row r : t.getItems()) {
                if (r.recommendation() == b && t.getSelectionModel().getSelectedItem() != r) {
                    t.getSelectionModel().select(r);
                }
            }
        });
        return titled("Recommendations (replayed through the limiters)", t);
    }

    private Node distributionChart() {
        NumberAxis x = logAxis("per-key need (log scale)");
        NumberAxis y = new NumberAxis(0, 100, 20);
        y.setLabel("% of keys at or below");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("recommend-distribution");
        chart.getStyleClass().addAll("rl-chart", "recommend-distribution");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.titleProperty().bind(vm.distributionTitleProperty());
        XYChart.Series<Number, Number> keys = new XYChart.Series<>();
        keys.setName("keys");
        XYChart.Series<Number, Number> limit = new XYChart.Series<>();
        limit.setName("chosen limit");
        XYChart.Series<Number, Number> target = new XYChart.Series<>();
        target.setName("target");
        chart.getData().addAll(List.of(keys, limit, target));
        Runnable redraw = () -> {
            List<RecommendViewModel.Point> pts = vm.distribution();
            keys.getData().setAll(pts.stream().map(p -> new XYChart.Data<Number, Number>(log(p.x()), p.y())).toList());
            double l = vm.chosenLimitProperty().get();
            if (pts.isEmpty() || Double.isNaN(l)) {
                limit.getData().clear();
                target.getData().clear();
                return;
            }
            double lo = Math.min(log(pts.getFirst().x()), log(l));
            double hi = Math.max(log(pts.getLast().x()), log(l));
            limit.getData().setAll(List.of(new XYChart.Data<>(log(l), 0), new XYChart.Data<>(log(l), 100)));
            double tp = vm.targetPercentProperty().get();
            target.getData().setAll(List.of(new XYChart.Data<>(lo, tp), new XYChart.Data<>(hi, tp)));
            limit.setName("chosen limit " + (long) l);
            target.setName("target " + trim(tp) + " %");
            fit(x, lo, hi);
        };
        vm.distribution().addListener((ListChangeListener<RecommendViewModel.Point>) c -> redraw.run());
        vm.chosenLimitProperty().addListener((o, a, b) -> redraw.run());
        return chart;
    }

    private Node frontierChart() {
        NumberAxis x = logAxis("refill rate, requests/s (log scale)");
        NumberAxis y = new NumberAxis();
        y.setLabel("capacity for the target");
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("recommend-frontier");
        chart.getStyleClass().addAll("rl-chart", "recommend-frontier");
        chart.setAnimated(false);
        chart.setTitle("Bucket frontier: capacity against rate");
        XYChart.Series<Number, Number> line = new XYChart.Series<>();
        line.setName("frontier");
        XYChart.Series<Number, Number> chosen = new XYChart.Series<>();
        chosen.setName("recommended");
        chart.getData().addAll(List.of(line, chosen));
        Runnable redraw = () -> {
            line.getData().setAll(vm.frontier().stream()
                    .map(p -> new XYChart.Data<Number, Number>(log(p.x()), p.y())).toList());
            RecommendViewModel.Point c = vm.frontierChoiceProperty().get();
            chosen.getData().setAll(c == null ? List.of() : List.of(new XYChart.Data<>(log(c.x()), c.y())));
            if (c != null) {
                chosen.setName(vm.frontierLabelProperty().get());
            }
            if (!vm.frontier().isEmpty()) {
                fit(x, log(vm.frontier().getFirst().x()), log(vm.frontier().getLast().x()));
            }
        };
        vm.frontier().addListener((ListChangeListener<RecommendViewModel.Point>) ch -> redraw.run());
        vm.frontierChoiceProperty().addListener((o, a, b) -> redraw.run());
        Label hint = new Label("Select a token-bucket or GCRA row to see its frontier.");
        hint.getStyleClass().add("text-muted");
        hint.visibleProperty().bind(vm.frontierChoiceProperty().isNull());
        chart.visibleProperty().bind(vm.frontierChoiceProperty().isNotNull());
        return new javafx.scene.layout.StackPane(chart, hint);
    }

    private Node throttledTable() {
        TableView<Verification.ThrottledKey> t = new TableView<>(vm.throttled());
        t.setId("recommend-throttled");
        t.getColumns().add(column("Key", 200, Verification.ThrottledKey::key));
        t.getColumns().add(column("Requests", 80, Verification.ThrottledKey::requests));
        t.getColumns().add(column("Throttled", 80, Verification.ThrottledKey::throttled));
        t.getColumns().add(column("First throttled (UTC)", 170, k -> Instant.ofEpochSecond(k.firstThrottled()).toString()));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label none = new Label();
        none.textProperty().bind(javafx.beans.binding.Bindings.when(vm.selectedProperty().isNull())
                .then("Run a recommendation to see the keys it throttles")
                .otherwise("No key throttled by this recommendation"));
        t.setPlaceholder(none);
        return titled("Throttled keys in the replay (most throttled first)", t);
    }

    private Node exportPane() {
        ComboBox<ExportFormat> format = new ComboBox<>();
        format.setId("recommend-export-format");
        format.getItems().setAll(ExportFormat.values());
        format.valueProperty().bindBidirectional(vm.exportFormatProperty());
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExportFormat f) {
                return f == null ? "" : switch (f) {
                    case ENVOY -> "Envoy ratelimit config";
                    case NGINX -> "NGINX limit_req";
                    case BUCKET4J -> "Bucket4j bandwidth";
                    case SCENARIO -> "Bulwark scenario (replays the log)";
                };
            }

            @Override
            public ExportFormat fromString(String s) {
                return ExportFormat.fromId(s);
            }
        });
        Button export = new Button("Export…", new FontIcon(Material2AL.GET_APP));
        export.setId("recommend-export");
        export.disableProperty().bind(vm.selectedProperty().isNull());
        export.setOnAction(e -> files.pick(window(export), "Export the selected limit", true, vm.suggestedExportName(),
                vm.exportFormatProperty().get().extension()).ifPresent(vm::export));
        TextArea preview = new TextArea();
        preview.setId("recommend-export-preview");
        preview.setEditable(false);
        preview.setWrapText(true);
        preview.getStyleClass().add("recommend-preview");
        Runnable refresh = () -> preview.setText(vm.exportPreview());
        vm.selectedProperty().addListener((o, a, b) -> refresh.run());
        vm.exportFormatProperty().addListener((o, a, b) -> refresh.run());
        HBox bar = new HBox(8, format, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, bar, preview);
        VBox.setVgrow(preview, Priority.ALWAYS);
        return titled("Export the selected limit", box);
    }

    // ---- helpers ----

    private static double log(double v) {
        return Math.log10(Math.max(v, 1e-9));
    }

    /** A number axis showing 10^x as plain numbers. */
    private static NumberAxis logAxis(String label) {
        NumberAxis a = new NumberAxis();
        a.setLabel(label);
        a.setAutoRanging(false);
        a.setMinorTickVisible(false);
        a.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return rate(Math.pow(10, n.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return log(Double.parseDouble(s));
            }
        });
        return a;
    }

    /** Ranges a log axis over [lo, hi] on whole decades, half or quarter decades (1, 3.2, 10, 32, ...). */
    private static void fit(NumberAxis a, double lo, double hi) {
        double span = hi - lo;
        double unit = span > 4 ? 1 : span > 1.5 ? 0.5 : 0.25;
        double lower = Math.floor(lo / unit) * unit;
        double upper = Math.ceil(hi / unit) * unit;
        a.setLowerBound(lower);
        a.setUpperBound(upper > lower ? upper : lower + unit);
        a.setTickUnit(unit);
    }

    private static String rate(double v) {
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 1) {
            return trim(Math.round(v * 10) / 10.0);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.2g", v)).stripTrailingZeros().toPlainString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static <S, T> TableColumn<S, T> column(String name, double width, java.util.function.Function<S, T> f) {
        TableColumn<S, T> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        f.setPrefWidth(width);
        return f;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Node titled(String title, Node content) {
        Label l = new Label(title);
        l.getStyleClass().add("rl-section");
        VBox box = new VBox(4, l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setPadding(new Insets(0, 6, 0, 6));
        return box;
    }

    private static Window window(Node n) {
        return n.getScene() == null ? null : n.getScene().getWindow();
    }
}
