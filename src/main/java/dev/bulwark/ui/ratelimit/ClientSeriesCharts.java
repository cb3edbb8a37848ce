package dev.bulwark.ui.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * Allowed and rejected per second of the focused limiter's busiest clients (one line per client, same
 * colour in both charts, plus "other clients"). Redrawn whenever the view-model's lines change: each frame
 * batch of a live run, or once after a run.
 */
final class ClientSeriesCharts {
    private final LineChart<Number, Number> allowed = chart("ratelimit-client-chart-allowed");
    private final LineChart<Number, Number> rejected = chart("ratelimit-client-chart-rejected");

    ClientSeriesCharts(ObservableList<ClientSeries.Line> lines, ObservableValue<String> focus) {
        allowed.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> title("Allowed", focus.getValue()), focus));
        rejected.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> title("Rejected", focus.getValue()), focus));
        lines.addListener((ListChangeListener<ClientSeries.Line>) c -> show(lines));
        show(lines);
    }

    LineChart<Number, Number> allowed() {
        return allowed;
    }

    LineChart<Number, Number> rejected() {
        return rejected;
    }

    private void show(List<ClientSeries.Line> lines) {
        allowed.getData().setAll(series(lines, ClientSeries.Point::allowed));
        rejected.getData().setAll(series(lines, ClientSeries.Point::rejected));
    }

    private static List<XYChart.Series<Number, Number>> series(List<ClientSeries.Line> lines,
                                                              ToDoubleFunction<ClientSeries.Point> value) {
        List<XYChart.Series<Number, Number>> out = new ArrayList<>(lines.size());
        for (ClientSeries.Line line : lines) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(line.client());
            List<XYChart.Data<Number, Number>> data = new ArrayList<>(line.points().size());
            for (ClientSeries.Point p : line.points()) {
                data.add(new XYChart.Data<>(p.second(), value.applyAsDouble(p)));
            }
            s.getData().setAll(data);
            out.add(s);
        }
        return out;
    }

    private static String title(String what, String limiter) {
        return limiter == null ? what + " per second by client"
                : what + " per second, busiest clients of " + limiter;
    }

    private static LineChart<Number, Number> chart(String id) {
        // the charts above already label the seconds; here the height goes to the legend
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("requests");
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId(id);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        // the tab is short and wide: a legend below would be dropped for lack of height
        c.setLegendSide(javafx.geometry.Side.RIGHT);
        c.setMinHeight(160);
        c.setMinWidth(300);
        c.getStyleClass().add("rl-chart");
        return c;
    }
}
