package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.recommend.ExportFormat;
import dev.bulwark.ratelimit.recommend.KeyBy;
import dev.bulwark.ratelimit.recommend.Verification;
import java.time.Instant;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
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
 * limit and the target drawn on it, the capacity/rate frontier with the chosen point, the top keys with the
 * percentiles of the chosen window, the throttled keys, and
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
        // At most the screen the lab is on (a 1024x768 display, or a headless test screen), at best 1320x860.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getScreensForRectangle(owner.getX(), owner.getY(),
                Math.max(1, owner.getWidth()), Math.max(1, owner.getHeight())).stream().findFirst()
                .orElse(javafx.stage.Screen.getPrimary()).getVisualBounds();
        stage.setScene(new Scene(root(), Math.min(1320, screen.getWidth()), Math.min(860, screen.getHeight())));
        stage.setOnHidden(e -> vm.stop());
        stage.show();
        return stage;
    }

    /** The whole flow. */
    public Parent root() {
        BorderPane root = new BorderPane();
        root.setTop(options());
        RecommendCharts charts = new RecommendCharts(vm);
        SplitPane upper = new SplitPane(recommendations(), charts.distributionChart(), charts.frontierChart());
        upper.setDividerPositions(0.38, 0.69);
        SplitPane lower = new SplitPane(topKeys(), throttledTable(), exportPane());
        lower.setDividerPositions(0.33, 0.7);
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

    private Node topKeys() {
        RecommendKeys keys = vm.keys();
        TableView<RecommendKeys.Row> t = new TableView<>(keys.rows());
        t.setId("recommend-top-keys");
        t.getColumns().add(column("Key", 100, RecommendKeys.Row::key));
        t.getColumns().add(column("Requests", 86, RecommendKeys.Row::requests));
        TableColumn<RecommendKeys.Row, Long> max = column("", 80, RecommendKeys.Row::maxInWindow);
        max.textProperty().bind(keys.windowHeaderProperty());
        TableColumn<RecommendKeys.Row, String> bucket = column("", 110,
                r -> r.bucketCapacity() < 0 ? "—" : String.valueOf(r.bucketCapacity()));
        bucket.textProperty().bind(keys.rateHeaderProperty());
        t.getColumns().add(max);
        t.getColumns().add(bucket);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("Run a recommendation to see the busiest keys"));
        t.setTooltip(new javafx.scene.control.Tooltip("The keys with the most requests: the most each sent in any"
                + " window of the selected recommendation, and the bucket capacity it needs at the bucket's rate"));
        Label percentiles = new Label();
        percentiles.setId("recommend-percentiles");
        percentiles.textProperty().bind(keys.percentilesProperty());
        percentiles.getStyleClass().add("text-small");
        percentiles.setMinWidth(0);
        VBox box = new VBox(4, percentiles, t);
        VBox.setVgrow(t, Priority.ALWAYS);
        return titled("Top keys by requests", box);
    }

    private Node throttledTable() {
        TableView<Verification.ThrottledKey> t = new TableView<>(vm.throttled());
        t.setId("recommend-throttled");
        t.getColumns().add(column("Key", 100, Verification.ThrottledKey::key));
        t.getColumns().add(column("Requests", 86, Verification.ThrottledKey::requests));
        t.getColumns().add(column("Throttled", 86, Verification.ThrottledKey::throttled));
        t.getColumns().add(column("First throttled (UTC)", 160, k -> Instant.ofEpochSecond(k.firstThrottled()).toString()));
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
