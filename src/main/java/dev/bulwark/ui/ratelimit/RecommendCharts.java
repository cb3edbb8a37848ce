package dev.bulwark.ui.ratelimit;

import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.util.StringConverter;

/**
 * The two charts of "Recommend from log…": the distribution of per-key needs (share of keys at or below, log
 * scale) with the chosen limit and the target, and the bucket frontier with the recommended point. Wires chart
 * nodes to the {@link RecommendViewModel}'s chart data.
 */
final class RecommendCharts {
    private final RecommendViewModel vm;

    RecommendCharts(RecommendViewModel vm) {
        this.vm = vm;
    }

    Node distributionChart() {
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

    Node frontierChart() {
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

}
