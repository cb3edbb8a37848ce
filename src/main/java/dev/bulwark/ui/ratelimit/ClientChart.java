package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.sim.ClientResult;
import java.util.Comparator;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;

/** Allowed vs rejected per client for the focused limiter: the busiest {@link #MAX_CLIENTS} clients. */
final class ClientChart {
    static final int MAX_CLIENTS = 20;

    private final StackedBarChart<String, Number> chart;

    ClientChart(ObservableList<ClientResult> clients) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("requests");
        chart = new StackedBarChart<>(x, y);
        chart.setId("ratelimit-client-chart");
        chart.setTitle("Allowed vs rejected, busiest " + MAX_CLIENTS + " clients");
        chart.setAnimated(false);
        chart.setCategoryGap(4);
        chart.getStyleClass().add("rl-chart");
        clients.addListener((ListChangeListener<ClientResult>) c -> show(clients));
        show(clients);
    }

    StackedBarChart<String, Number> node() {
        return chart;
    }

    private void show(List<ClientResult> clients) {
        List<ClientResult> top = busiest(clients);
        XYChart.Series<String, Number> allowed = new XYChart.Series<>();
        allowed.setName("allowed");
        XYChart.Series<String, Number> rejected = new XYChart.Series<>();
        rejected.setName("rejected");
        for (ClientResult c : top) {
            allowed.getData().add(new XYChart.Data<>(c.client(), c.allowed()));
            rejected.getData().add(new XYChart.Data<>(c.client(), c.offered() - c.allowed()));
        }
        ((CategoryAxis) chart.getXAxis()).getCategories().setAll(top.stream().map(ClientResult::client).toList());
        chart.getData().setAll(List.of(allowed, rejected));
    }

    /** The clients that offered most, in that order. */
    static List<ClientResult> busiest(List<ClientResult> clients) {
        return clients.stream().sorted(Comparator.comparingLong(ClientResult::offered).reversed()
                .thenComparing(ClientResult::client)).limit(MAX_CLIENTS).toList();
    }
}
