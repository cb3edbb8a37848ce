package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.sim.SecondSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * Two line charts fed by the view-model's samples: allowed and rejected requests per second, one series per
 * limiter (same colour in both). Appends while a run is live; long finished runs are averaged into at most
 * {@link #MAX_POINTS} points per series so the charts stay responsive.
 */
final class SeriesCharts {
    static final int MAX_POINTS = 600;

    private final LineChart<Number, Number> allowed = chart("Allowed per second", "ratelimit-chart-allowed");
    private final LineChart<Number, Number> rejected = chart("Rejected per second", "ratelimit-chart-rejected");
    private final Map<String, XYChart.Series<Number, Number>> allowedSeries = new LinkedHashMap<>();
    private final Map<String, XYChart.Series<Number, Number>> rejectedSeries = new LinkedHashMap<>();

    SeriesCharts(ObservableList<SecondSample> samples) {
        samples.addListener((ListChangeListener<SecondSample>) c -> {
            boolean onlyAdded = true;
            List<SecondSample> added = new ArrayList<>();
            while (c.next()) {
                if (c.wasRemoved() || c.wasReplaced() || c.wasPermutated()) {
                    onlyAdded = false;
                } else if (c.wasAdded()) {
                    added.addAll(c.getAddedSubList());
                }
            }
            if (onlyAdded) {
                added.forEach(this::append);
            } else {
                rebuild(samples);
            }
        });
        rebuild(samples);
    }

    LineChart<Number, Number> allowed() {
        return allowed;
    }

    LineChart<Number, Number> rejected() {
        return rejected;
    }

    private void append(SecondSample s) {
        series(allowed, allowedSeries, s.limiter()).getData().add(new XYChart.Data<>(s.second(), s.allowed()));
        series(rejected, rejectedSeries, s.limiter()).getData().add(new XYChart.Data<>(s.second(), s.rejected()));
    }

    private void rebuild(List<SecondSample> samples) {
        allowed.getData().clear();
        rejected.getData().clear();
        allowedSeries.clear();
        rejectedSeries.clear();
        Map<String, List<SecondSample>> byLimiter = new LinkedHashMap<>();
        samples.forEach(s -> byLimiter.computeIfAbsent(s.limiter(), k -> new ArrayList<>()).add(s));
        byLimiter.forEach((name, list) -> {
            series(allowed, allowedSeries, name).getData().setAll(points(list, SecondSample::allowed));
            series(rejected, rejectedSeries, name).getData().setAll(points(list, SecondSample::rejected));
        });
    }

    /**
     * Every sample, or the average of each run of samples when there are more than {@link #MAX_POINTS}; a
     * sample covering several seconds (a long run's aggregated series) counts per second.
     */
    static List<XYChart.Data<Number, Number>> points(List<SecondSample> list, ToLongFunction<SecondSample> value) {
        int step = Math.max(1, (list.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(list.size() / step + 1);
        for (int i = 0; i < list.size(); i += step) {
            int end = Math.min(list.size(), i + step);
            double sum = 0;
            for (int j = i; j < end; j++) {
                sum += value.applyAsLong(list.get(j)) / (double) list.get(j).seconds();
            }
            SecondSample first = list.get(i);
            Number y = step == 1 && first.seconds() == 1 ? (Number) value.applyAsLong(first) : sum / (end - i);
            out.add(new XYChart.Data<>(list.get(i).second(), y));
        }
        return out;
    }

    private static XYChart.Series<Number, Number> series(LineChart<Number, Number> chart,
                                                         Map<String, XYChart.Series<Number, Number>> map, String name) {
        return map.computeIfAbsent(name, n -> {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(n);
            chart.getData().add(s);
            return s;
        });
    }

    private static LineChart<Number, Number> chart(String title, String id) {
        NumberAxis x = new NumberAxis();
        x.setLabel("second");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("requests");
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId(id);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setMinHeight(160);
        c.getStyleClass().add("rl-chart");
        return c;
    }
}
