package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.sim.ResultWriter;
import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.ui.FeatureView;
import java.util.Objects;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The rate-limiter lab: the scenario form on the left, run controls on top, results on the right. */
public final class RateLimiterView implements FeatureView {
    private final RateLimiterViewModel vm;
    private final FilePicker files;
    private final ObservableValue<Theme> theme;
    private final RecommendViewModel recommend;
    private javafx.stage.Stage recommendStage;

    /**
     * @param theme the application theme (TilesFX gauges follow it by hand)
     */
    public RateLimiterView(RateLimiterViewModel vm, FilePicker files, ObservableValue<Theme> theme) {
        this(vm, files, theme, null);
    }

    /**
     * @param recommend the "Recommend from log…" flow, or null for none
     */
    public RateLimiterView(RateLimiterViewModel vm, FilePicker files, ObservableValue<Theme> theme,
                           RecommendViewModel recommend) {
        this.vm = vm;
        this.files = files;
        this.theme = theme;
        this.recommend = recommend;
    }

    @Override
    public Parent root() {
        Label title = new Label("Rate limiter");
        title.getStyleClass().addAll("title-2", "view-title");

        Button load = button("Load…", "ratelimit-load", new FontIcon(Material2AL.FOLDER_OPEN));
        Button save = button("Save…", "ratelimit-save", new FontIcon(Material2MZ.SAVE));
        Button run = button("Run", "ratelimit-run", new FontIcon(Material2MZ.PLAY_ARROW));
        run.getStyleClass().add("accent");
        run.setDefaultButton(false);
        Button stop = button("Stop", "ratelimit-stop", new FontIcon(Material2MZ.STOP));
        stop.getStyleClass().add("danger");
        Button csv = button("Export CSV…", "ratelimit-export-csv", new FontIcon(Material2AL.GET_APP));
        Button json = button("Export JSON…", "ratelimit-export-json", new FontIcon(Material2AL.GET_APP));
        run.disableProperty().bind(vm.runningProperty());
        stop.disableProperty().bind(vm.runningProperty().not());
        load.disableProperty().bind(vm.runningProperty());
        csv.disableProperty().bind(vm.runningProperty().or(vm.resultProperty().isNull()));
        json.disableProperty().bind(csv.disableProperty());

        run.setOnAction(e -> vm.run());
        stop.setOnAction(e -> vm.stop());
        load.setOnAction(e -> files.pick(window(load), "Load scenario", false, null, "yaml", "yml", "json")
                .ifPresent(vm::load));
        save.setOnAction(e -> files.pick(window(save), "Save scenario", true, suggested("yaml"), "yaml", "yml", "json")
                .ifPresent(vm::save));
        csv.setOnAction(e -> files.pick(window(csv), "Export totals (CSV; the series goes next to it)", true,
                suggested("csv"), "csv").ifPresent(p -> vm.export(p, ResultWriter.Format.CSV)));
        json.setOnAction(e -> files.pick(window(json), "Export totals and series (JSON)", true, suggested("json"),
                "json").ifPresent(p -> vm.export(p, ResultWriter.Format.JSON)));

        ProgressBar progress = new ProgressBar();
        progress.setId("ratelimit-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(140);
        Label status = new Label();
        status.setId("ratelimit-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("text-muted");
        status.setMinWidth(Region.USE_PREF_SIZE);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spacer, load, save, run, stop, csv, json);
        if (recommend != null) {
            Button rec = button("Recommend from log…", "ratelimit-recommend", new FontIcon(Material2AL.INSIGHTS));
            rec.setOnAction(e -> openRecommend(window(rec)));
            bar.getChildren().add(2, rec);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox statusRow = new HBox(10, progress, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);

        ScrollPane formScroll = new ScrollPane(new ScenarioFormView(vm.form()).build());
        formScroll.setId("ratelimit-form");
        formScroll.setFitToWidth(true);
        formScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        formScroll.setMinWidth(400);
        Node results = new ResultsPane(vm, theme).build();
        SplitPane split = new SplitPane(formScroll, results);
        split.setDividerPositions(0.36);
        SplitPane.setResizableWithParent(formScroll, false);

        VBox head = new VBox(8, bar, statusRow);
        head.setPadding(new Insets(0, 0, 10, 0));
        BorderPane root = new BorderPane(split);
        root.setTop(head);
        root.setPadding(new Insets(18, 20, 14, 20));
        root.getStyleClass().add("ratelimit-view");
        root.getStylesheets().add(Objects.requireNonNull(
                RateLimiterView.class.getResource("/dev/bulwark/ui/ratelimit/ratelimit.css")).toExternalForm());
        return root;
    }

    private void openRecommend(Window owner) {
        if (recommendStage != null && recommendStage.isShowing()) {
            recommendStage.toFront();
            return;
        }
        recommendStage = new RecommendView(recommend, files).open(owner);
    }

    private String suggested(String ext) {
        String n = vm.form().nameProperty().get().trim().replaceAll("[^A-Za-z0-9._-]", "_");
        return (n.isEmpty() ? "scenario" : n) + "." + ext;
    }

    private static Window window(Node n) {
        return n.getScene() == null ? null : n.getScene().getWindow();
    }

    private static Button button(String text, String id, FontIcon icon) {
        Button b = new Button(text, icon);
        b.setId(id);
        return b;
    }
}
