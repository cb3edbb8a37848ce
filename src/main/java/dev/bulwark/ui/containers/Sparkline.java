package dev.bulwark.ui.containers;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * A small line of recent values on a canvas. Its colour follows the theme: a hidden label styled with the
 * accent colour is read after each CSS pass, so a live theme switch recolours it.
 */
final class Sparkline extends StackPane {
    private final Canvas canvas = new Canvas(90, 18);
    private final Label colourProbe = new Label();
    private double[] values = new double[0];

    Sparkline() {
        getStyleClass().add("sparkline");
        colourProbe.getStyleClass().add("sparkline-probe");
        colourProbe.setManaged(false);
        colourProbe.setVisible(false);
        colourProbe.textFillProperty().addListener((o, a, b) -> redraw());
        getChildren().addAll(colourProbe, canvas);
        setMinSize(90, 18);
        setPrefSize(90, 18);
        setMaxSize(90, 18);
    }

    /** Draws {@code v}, scaled to max(100 %, the series' peak). */
    void setValues(double[] v) {
        values = v;
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (values.length < 2) {
            return;
        }
        double max = 100;
        for (double d : values) {
            max = Math.max(max, d);
        }
        Paint p = colourProbe.getTextFill();
        g.setStroke(p == null ? Color.GRAY : p);
        g.setLineWidth(1.2);
        g.beginPath();
        for (int i = 0; i < values.length; i++) {
            double x = i * (w - 1) / (values.length - 1);
            double y = h - 1 - (values[i] / max) * (h - 2);
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }
}
