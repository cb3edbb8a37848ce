package dev.bulwark.ui;

import eu.hansolo.tilesfx.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Gives TilesFX tiles the current AtlantaFX theme's colours: TilesFX paints with Java colours, not CSS, so three
 * hidden labels styled with the theme's looked-up colours ({@code tile-probe-*} in bulwark.css) are read whenever
 * the theme changes, and every registered tile is repainted. Tiles get a transparent background so the card
 * behind them (styled by CSS) shows through.
 */
public final class TileTheme {
    private final Label fg = probe("tile-probe-fg");
    private final Label muted = probe("tile-probe-muted");
    private final Label accent = probe("tile-probe-accent");
    private final List<Tile> tiles = new ArrayList<>();

    /** Puts the probes into {@code host} (any pane in the scene of the tiles). */
    public TileTheme(Pane host) {
        Objects.requireNonNull(host).getChildren().addAll(fg, muted, accent);
        fg.textFillProperty().addListener((o, a, b) -> recolour());
        muted.textFillProperty().addListener((o, a, b) -> recolour());
        accent.textFillProperty().addListener((o, a, b) -> recolour());
    }

    private static Label probe(String cls) {
        Label l = new Label();
        l.getStyleClass().add(cls);
        l.setManaged(false);
        l.setVisible(false);
        return l;
    }

    /** Paints {@code tile} now and on every theme change; returns it. */
    public Tile add(Tile tile) {
        tiles.add(tile);
        paint(tile);
        return tile;
    }

    /** The theme's muted text colour now (for chart colours that must follow the theme). */
    public Color mutedColour() {
        return colour(muted.getTextFill(), Color.GRAY);
    }

    private void recolour() {
        tiles.forEach(this::paint);
    }

    private void paint(Tile t) {
        Color f = colour(fg.getTextFill(), Color.GRAY);
        Color m = colour(muted.getTextFill(), Color.GRAY);
        Color a = colour(accent.getTextFill(), Color.DODGERBLUE);
        t.setBackgroundColor(Color.TRANSPARENT);
        t.setTitleColor(m);
        t.setValueColor(f);
        t.setUnitColor(m);
        t.setTextColor(m);
        t.setDescriptionColor(f);
        if (!Color.TRANSPARENT.equals(t.getTickLabelColor())) { // a tile built without axis labels keeps them hidden
            t.setTickLabelColor(m);
        }
        t.setForegroundColor(f);
        // Chart tiles (the severity donut) write each item's value in the item's own text colour, white by default:
        // unreadable on the light theme.
        t.getChartData().forEach(d -> d.setTextColor(f));
        t.setNeedleColor(a);
        t.setBarColor(a);
        t.setBarBackgroundColor(m.deriveColor(0, 1, 1, 0.25));
    }

    private static Color colour(Paint p, Color fallback) {
        return p instanceof Color c ? c : fallback;
    }
}
