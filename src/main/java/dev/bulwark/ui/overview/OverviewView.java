package dev.bulwark.ui.overview;

import atlantafx.base.theme.Styles;
import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.TileTheme;
import dev.bulwark.ui.ViewId;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Overview dashboard: first-run cards for what is missing, then live tiles that reflow with the window, from
 * two columns at 1024×768 to six at 4K. Built once; the view-model's changes update the nodes in place.
 */
public final class OverviewView implements FeatureView {
    /** A tile is never narrower than this; the columns are as many as fit. */
    static final double MIN_TILE_WIDTH = 340;
    static final double GAP = 14;
    private final OverviewViewModel vm;
    private final Function<Window, List<Path>> dumpPicker;
    static final double MIN_CARD_WIDTH = 460;
    private TilePane tiles;
    private FlowPane firstRun;
    private double cardsWidth;

    /** @param dumpPicker the file dialog for OSV dumps to import */
    public OverviewView(OverviewViewModel vm, Function<Window, List<Path>> dumpPicker) {
        this.vm = Objects.requireNonNull(vm);
        this.dumpPicker = Objects.requireNonNull(dumpPicker);
    }

    @Override
    public Parent root() {
        Label title = new Label(ViewId.OVERVIEW.title(), new FontIcon(ViewId.OVERVIEW.icon()));
        title.getStyleClass().add(Styles.TITLE_2);
        Label lead = new Label("Every local service at a glance, live. Click a tile to open its view.");
        lead.getStyleClass().add(Styles.TEXT_MUTED);

        firstRun = new FlowPane(GAP, GAP);
        firstRun.setId("overview-first-run");
        firstRun.getChildren().setAll(new FirstRunCards(vm, dumpPicker).build());
        firstRun.getChildren().forEach(c -> c.visibleProperty().addListener((o, a, b) -> reflowCards(cardsWidth)));

        tiles = new TilePane(GAP, GAP);
        tiles.setId("overview-tiles");
        VBox box = new VBox(16, new VBox(2, title, lead), firstRun, tiles);
        TileTheme theme = new TileTheme(box);
        tiles.getChildren().setAll(new OverviewTiles(vm, theme).build());
        box.setPadding(new Insets(20, 24, 24, 24));
        box.getStyleClass().add("overview-view");
        // Columns follow the width: equal tiles, as many as fit at MIN_TILE_WIDTH, stretched to fill the row.
        ScrollPane scroll = new ScrollPane(box);
        // From the viewport, not the pane's own width, which follows the tiles' width and would feed back.
        scroll.viewportBoundsProperty().addListener((o, a, b) -> {
            double inner = b.getWidth() - box.getPadding().getLeft() - box.getPadding().getRight();
            reflow(inner);
            reflowCards(inner);
        });
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        // The first tile would take the focus (and its ring) when the view is shown: the scroll pane takes it.
        scroll.sceneProperty().addListener((o, a, sc) -> {
            if (sc != null) {
                javafx.application.Platform.runLater(scroll::requestFocus);
            }
        });
        scroll.getStylesheets().add(Objects.requireNonNull(
                OverviewView.class.getResource("/dev/bulwark/ui/overview/overview.css")).toExternalForm());
        return scroll;
    }

    /** The first-run cards side by side when they fit, each as wide as its share of the row. */
    private void reflowCards(double width) {
        cardsWidth = width;
        long shown = firstRun.getChildren().stream().filter(javafx.scene.Node::isVisible).count();
        if (width <= 0 || shown == 0) {
            return;
        }
        int columns = (int) Math.max(1, Math.min(shown, (int) ((width + GAP) / (MIN_CARD_WIDTH + GAP))));
        double cardWidth = Math.floor((width - (columns - 1) * GAP) / columns);
        firstRun.getChildren().forEach(c -> ((javafx.scene.layout.Region) c).setPrefWidth(cardWidth));
    }

    private void reflow(double width) {
        if (width <= 0) {
            return;
        }
        int columns = columns(width);
        double tileWidth = Math.floor((width - (columns - 1) * GAP) / columns);
        tiles.setPrefColumns(columns);
        tiles.setMaxWidth(width);
        tiles.setPrefTileWidth(tileWidth);
        // Taller tiles on large screens keep the gauges round; never below what the lists need.
        tiles.setPrefTileHeight(Math.max(250, Math.min(380, tileWidth * 0.72)));
    }

    /** How many tile columns fit {@code width}: 1 and up, at most one per tile. */
    static int columns(double width) {
        return Math.max(1, Math.min(8, (int) ((width + GAP) / (MIN_TILE_WIDTH + GAP))));
    }

    /** The tile pane (tests check the reflow and that tiles are not re-created). */
    Pane tiles() {
        return tiles;
    }

    static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    static Button link(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
