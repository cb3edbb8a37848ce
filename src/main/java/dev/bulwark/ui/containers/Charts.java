package dev.bulwark.ui.containers;

import dev.bulwark.docker.history.HistoryPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.scene.chart.XYChart;

/** Turns history points into chart data with x = minutes before now. */
final class Charts {
    private Charts() {
    }

    static List<XYChart.Data<Number, Number>> points(List<HistoryPoint> history, Instant now,
                                                      ToDoubleFunction<HistoryPoint> y) {
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(history.size());
        for (HistoryPoint p : history) {
            double minutes = -Duration.between(p.at(), now).toMillis() / 60_000.0;
            if (minutes >= -15) {
                out.add(new XYChart.Data<>(Math.min(0, minutes), y.applyAsDouble(p)));
            }
        }
        return out;
    }
}
