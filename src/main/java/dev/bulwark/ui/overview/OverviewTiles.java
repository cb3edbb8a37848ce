package dev.bulwark.ui.overview;

import dev.bulwark.docker.model.Totals;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.ui.TileTheme;
import dev.bulwark.ui.ViewId;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import eu.hansolo.tilesfx.chart.ChartData;
import eu.hansolo.tilesfx.skins.BarChartItem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The Overview's live tiles. Each tile is built once and bound to the view-model: an update sets values on the
 * existing nodes (no node is re-created per update, so nothing flickers). A tile without data shows a "no data
 * yet" veil instead of a zero that would look measured. Every tile opens its view on click (the keyboard reaches
 * the same views through the rail and Ctrl+1..6).
 */
final class OverviewTiles {
    /** Severity colours, readable on both themes. */
    private static final Map<Severity, Color> SEVERITY_COLOURS = new EnumMap<>(Map.of(
            Severity.CRITICAL, Color.web("#b3261e"), Severity.HIGH, Color.web("#e5534b"),
            Severity.MEDIUM, Color.web("#d4a72c"), Severity.LOW, Color.web("#4493f8"),
            Severity.NONE, Color.web("#6e7681"), Severity.UNKNOWN, Color.web("#8b949e")));

    private static final String SAMPLED = "bulwark.sampled";

    private final OverviewViewModel vm;
    private final TileTheme theme;
    private final List<StackPane> slots = new ArrayList<>();

    OverviewTiles(OverviewViewModel vm, TileTheme theme) {
        this.vm = vm;
        this.theme = theme;
    }

    /** Every tile, in reading order, each in its clickable slot. */
    List<StackPane> build() {
        slots.add(cpu());
        slots.add(memory());
        slots.add(containers());
        slots.add(severities());
        slots.add(findings());
        slots.add(lab());
        slots.add(gateway());
        slots.add(alerts());
        return slots;
    }

    private StackPane cpu() {
        Tile t = theme.add(usage("Cluster CPU", 1));
        t.setId("overview-tile-cpu");
        Label veil = veil("overview-cpu-none");
        Runnable sync = () -> {
            t.setMaxValue(vm.cpuMaxProperty().get());
            t.setText(vm.cpuMaxProperty().get() > 100 ? "100 % = 1 core, " + Math.round(vm.cpuMaxProperty().get() / 100)
                    + " cores" : "100 % = 1 core");
            showVeil(veil, vm.cpuPercentProperty().get() == null, "no data yet: " + noEngineReason());
        };
        vm.cpuPercentProperty().addListener((o, a, b) -> sync.run());
        vm.cpuMaxProperty().addListener((o, a, b) -> sync.run());
        vm.enginesDownProperty().addListener((o, a, b) -> sync.run());
        // The sparkline starts from the Containers view's history, then takes each new sample.
        vm.clusterHistory().forEach(p -> sample(t, p.cpuPercent()));
        vm.latestSampleProperty().addListener((o, a, p) -> {
            if (p != null && vm.cpuPercentProperty().get() != null) {
                sample(t, p.cpuPercent());
            }
        });
        sync.run();
        return slot(t, veil, ViewId.CONTAINERS, "cpu");
    }

    private StackPane memory() {
        Tile t = theme.add(usage("Cluster memory", 2));
        t.setId("overview-tile-memory");
        Label veil = veil("overview-memory-none");
        Runnable sync = () -> {
            Double v = vm.memPercentProperty().get();
            t.setText(vm.memoryProperty().get());
            if (v != null) {
                sample(t, v); // one sample per snapshot: the totals change with every one
            }
            boolean measured = vm.cpuPercentProperty().get() != null;
            showVeil(veil, v == null, measured ? vm.memoryProperty().get() + " used; the engines did not say how much "
                    + "memory they have" : "no data yet: " + noEngineReason());
        };
        vm.memPercentProperty().addListener((o, a, b) -> sync.run());
        vm.memoryProperty().addListener((o, a, b) -> sync.run());
        vm.cpuPercentProperty().addListener((o, a, b) -> sync.run());
        vm.enginesDownProperty().addListener((o, a, b) -> sync.run());
        Long cap = vm.memCapacity();
        if (cap != null && cap > 0) { // the sparkline starts from the same history as the CPU one
            vm.clusterHistory().forEach(p -> sample(t, 100.0 * p.memUsageBytes() / cap));
        }
        sync.run();
        return slot(t, veil, ViewId.CONTAINERS, "memory");
    }

    /**
     * A usage tile: the value large, the last 60 samples as a sparkline under it between their own low and high
     * (printed at its left), and the tile's text (cores, bytes used of the capacity) at the bottom. Not TilesFX's
     * gauge-with-sparkline skin, which draws the sparkline and its axis labels inside the gauge's arc: unreadable at
     * a tile's size, worst for a memory share of 0.01 %. No axis labels either: on an auto-scaled line they repeat
     * the low and high, and a fixed 0..100 % axis leaves a small share a flat line at the bottom.
     */
    private static Tile usage(String title, int decimals) {
        return TileBuilder.create().skinType(Tile.SkinType.SPARK_LINE).title(title).unit("%").decimals(decimals)
                .minValue(0).maxValue(100).averagingPeriod(60).averageVisible(false).smoothing(false)
                .textVisible(true).chartGridColor(Color.TRANSPARENT).tickLabelColor(Color.TRANSPARENT)
                .animated(false).build();
    }

    /**
     * Adds a measured sample to a usage tile's sparkline. TilesFX fills an empty sparkline window with the tile's
     * minimum (0) and adds a point only when the value changes: a steady memory share would rise from a minute of
     * invented zeros, with a low of 0. So the first sample refills the window with itself (the skin's clear fills
     * with the minimum, briefly that sample).
     */
    private static void sample(Tile t, double value) {
        if (t.getProperties().putIfAbsent(SAMPLED, Boolean.TRUE) == null) {
            double min = t.getMinValue();
            t.setMinValue(value);
            t.clearData();
            t.setMinValue(min);
        }
        t.setValue(value);
    }

    private String noEngineReason() {
        return vm.enginesDownProperty().get() ? "no container engine reachable" : "waiting for the first sample";
    }

    private StackPane containers() {
        GridPane counts = new GridPane(14, 2);
        counts.setId("overview-container-counts");
        Label running = count(counts, 0, "running", "running");
        Label healthy = count(counts, 1, "healthy", "healthy");
        Label unhealthy = count(counts, 2, "unhealthy", "unhealthy");
        Label stopped = count(counts, 3, "stopped", "stopped");
        Label headline = new Label();
        headline.setId("overview-engines-headline");
        headline.setWrapText(true);
        headline.getStyleClass().add("overview-tile-note");
        headline.textProperty().bind(vm.engineHeadlineProperty());
        Label sick = new Label();
        sick.setId("overview-unhealthy-list");
        sick.setWrapText(true);
        sick.getStyleClass().add("overview-tile-danger");
        Runnable sync = () -> {
            Totals t = vm.totalsProperty().get();
            running.setText(count(t, Totals::running));
            healthy.setText(count(t, Totals::healthy));
            unhealthy.setText(count(t, Totals::unhealthy));
            stopped.setText(count(t, Totals::stopped));
            flag(unhealthy, t != null && t.unhealthy() > 0, "overview-count-danger");
            List<String> names = vm.unhealthyContainers();
            sick.setText(names.isEmpty() ? "" : "Unhealthy: " + String.join(", ", names.stream().limit(6).toList())
                    + (names.size() > 6 ? " (+" + (names.size() - 6) + " more)" : ""));
            sick.setVisible(!names.isEmpty());
        };
        vm.totalsProperty().addListener((o, a, b) -> sync.run());
        vm.unhealthyContainers().addListener((ListChangeListener<String>) c -> sync.run());
        sync.run();
        VBox body = new VBox(8, headline, counts, sick);
        return custom("Containers", "overview-tile-containers", body, ViewId.CONTAINERS, "containers");
    }

    private static Label count(GridPane g, int col, String id, String caption) {
        Label value = new Label("—");
        value.setId("overview-count-" + id);
        value.getStyleClass().add("overview-count");
        Label name = new Label(caption);
        name.getStyleClass().add("overview-tile-note");
        g.add(value, col, 0);
        g.add(name, col, 1);
        return value;
    }

    private static String count(Totals t, ToIntFunction<Totals> f) {
        return t == null ? "—" : Integer.toString(f.applyAsInt(t));
    }

    private StackPane severities() {
        List<Severity> order = List.of(Severity.values()).reversed();
        Map<Severity, ChartData> data = new EnumMap<>(Severity.class);
        for (Severity s : order) {
            data.put(s, new ChartData(s.label(), 0, SEVERITY_COLOURS.getOrDefault(s, Color.GRAY)));
        }
        // No percentages: the skin writes one for every slice, "0%" ones included, on top of each other where
        // slices are thin; the counts it writes beside slices wider than 10 degrees and the legend say enough.
        Tile t = theme.add(TileBuilder.create().skinType(Tile.SkinType.DONUT_CHART).title("Latest scan")
                .chartData(order.stream().map(data::get).toList()).percentageVisible(false).animated(false).build());
        t.setId("overview-tile-severities");
        Label veil = veil("overview-scan-none");
        Runnable sync = () -> {
            boolean none = vm.latestScanProperty().get() == null;
            Map<Severity, Integer> counts = vm.scanSeveritiesProperty().get();
            data.forEach((s, d) -> d.setValue(counts.getOrDefault(s, 0)));
            t.setTitle(none ? "Latest scan" : "Latest scan · " + vm.scanHeadlineProperty().get());
            t.setText("Advisory data: " + OverviewText.age(vm.advisoryAgeDaysProperty().get()));
            boolean clean = !none && counts.values().stream().mapToInt(Integer::intValue).sum() == 0;
            showVeil(veil, none || clean, none ? "No scan yet. Scans run in Vulnerabilities are summarised here."
                    : "No active findings in the latest scan.");
            flag(veil, clean, "overview-veil-clean");
        };
        vm.latestScanProperty().addListener((o, a, b) -> sync.run());
        vm.advisoryAgeDaysProperty().addListener((o, a, b) -> sync.run());
        sync.run();
        return slot(t, veil, ViewId.VULNERABILITIES, "severities");
    }

    private StackPane findings() {
        Label text = new Label();
        text.setId("overview-findings");
        text.setWrapText(true);
        text.textProperty().bind(vm.findings().textProperty());
        Runnable sync = () -> {
            var f = vm.findings().findingsProperty().get();
            flag(text, f.scanned() && !f.flagged().isEmpty(), "overview-tile-danger");
            flag(text, !f.scanned(), "overview-tile-note");
        };
        vm.findings().findingsProperty().addListener((o, a, b) -> sync.run());
        sync.run();
        return custom("Running containers' images", "overview-tile-findings", new VBox(text), ViewId.VULNERABILITIES,
                "findings");
    }

    private StackPane lab() {
        Tile t = theme.add(TileBuilder.create().skinType(Tile.SkinType.BAR_CHART).title("Rate limiter · accepted")
                .maxValue(100).decimals(1).animated(false).build());
        t.setId("overview-tile-lab");
        Label veil = veil("overview-lab-none");
        Runnable sync = () -> {
            List<OverviewViewModel.LimiterAccept> accepts = vm.labAccepts();
            List<BarChartItem> items = t.getBarChartItems();
            boolean same = items.size() == accepts.size();
            for (int i = 0; same && i < accepts.size(); i++) {
                same = items.get(i).getName().equals(label(accepts.get(i)));
            }
            if (same) { // the same limiters: values in place
                for (int i = 0; i < accepts.size(); i++) {
                    items.get(i).setValue(accepts.get(i).percent());
                }
            } else { // another run compared other limiters
                t.setBarChartItems(accepts.stream().map(a -> {
                    BarChartItem item = new BarChartItem(label(a), a.percent(), theme.mutedColour());
                    item.setFormatString("%.1f %%");
                    return item;
                }).toList());
            }
            t.setText(vm.labHeadlineProperty().get());
            showVeil(veil, accepts.isEmpty(), "No rate-limiter run yet this session.");
        };
        vm.labAccepts().addListener((ListChangeListener<OverviewViewModel.LimiterAccept>) c -> sync.run());
        sync.run();
        return slot(t, veil, ViewId.RATE_LIMITER, "lab");
    }

    private static String label(OverviewViewModel.LimiterAccept a) {
        return a.limiter() + " (" + a.strategy() + ")";
    }

    private StackPane gateway() {
        Label dot = new Label("●");
        dot.getStyleClass().add("gateway-dot");
        Label status = new Label();
        status.setId("overview-gateway");
        status.setWrapText(true);
        Label rtt = new Label();
        rtt.setId("overview-gateway-rtt");
        rtt.getStyleClass().add("overview-count");
        VBox threats = new VBox(2);
        threats.setId("overview-threats");
        Runnable state = () -> {
            boolean configured = Boolean.TRUE.equals(vm.gatewayConfigured().getValue());
            status.setText(configured ? vm.gatewayStatus().getValue() : "Not configured");
            dot.getStyleClass().removeIf(c -> c.startsWith("kind-"));
            var kind = vm.gatewayKind().getValue();
            if (kind != null) {
                dot.getStyleClass().add("kind-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            rtt.setText(vm.gatewayRttProperty().get().isEmpty() ? "—" : vm.gatewayRttProperty().get());
        };
        vm.gatewayConfigured().addListener((o, a, b) -> state.run());
        vm.gatewayStatus().addListener((o, a, b) -> state.run());
        vm.gatewayKind().addListener((o, a, b) -> state.run());
        vm.gatewayRttProperty().addListener((o, a, b) -> state.run());
        state.run();
        Label[] lines = new Label[OverviewViewModel.RECENT_THREATS];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = new Label();
            lines[i].getStyleClass().add("overview-threat");
            threats.getChildren().add(lines[i]);
        }
        Runnable fill = () -> fillLines(lines, vm.recentThreats().stream().map(a -> OverviewText.time(a.at(),
                java.time.ZoneId.systemDefault()) + "  " + a.severity().toUpperCase(Locale.ROOT) + "  " + a.summary())
                .toList(), "No threat alert since Bulwark started.");
        vm.recentThreats().addListener((ListChangeListener<Object>) c -> fill.run());
        fill.run();
        javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(6, dot, status);
        line.setAlignment(Pos.CENTER_LEFT);
        return custom("Gateway", "overview-tile-gateway", new VBox(6, line, rtt, threats), ViewId.GATEWAY, "gateway");
    }

    private StackPane alerts() {
        VBox box = new VBox(2);
        box.setId("overview-alerts");
        Label[] lines = new Label[OverviewViewModel.RECENT_ALERTS];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = new Label();
            lines[i].getStyleClass().addAll("overview-alert", "monospace");
            box.getChildren().add(lines[i]);
        }
        Runnable fill = () -> fillLines(lines, vm.recentAlerts(), "No alerts since Bulwark started.");
        vm.recentAlerts().addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        return custom("Recent alerts", "overview-tile-alerts", box, ViewId.CONTAINERS, "alerts");
    }

    /** Fixed label rows updated in place; the first says {@code empty} when there is nothing. */
    private static void fillLines(Label[] lines, List<String> texts, String empty) {
        for (int i = 0; i < lines.length; i++) {
            String text = i < texts.size() ? texts.get(i) : i == 0 && texts.isEmpty() ? empty : null;
            lines[i].setText(text == null ? "" : text);
            lines[i].setVisible(text != null);
            lines[i].setManaged(text != null);
            flag(lines[i], texts.isEmpty(), "overview-tile-note");
        }
    }

    private StackPane custom(String title, String id, Node body, ViewId view, String name) {
        Tile t = theme.add(TileBuilder.create().skinType(Tile.SkinType.CUSTOM).title(title).graphic(body)
                .animated(false).build());
        t.setId(id);
        return slot(t, null, view, name);
    }

    /** The message shown over a tile without data; its parent covers the tile, repeating its title. */
    private static Label veil(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("overview-veil-text");
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMaxHeight(Double.MAX_VALUE);
        VBox.setVgrow(l, javafx.scene.layout.Priority.ALWAYS);
        return l;
    }

    private static void showVeil(Label veil, boolean show, String text) {
        veil.setText(show ? text : "");
        if (veil.getParent() != null) {
            veil.getParent().setVisible(show);
        } else {
            veil.setVisible(show); // not yet in its slot: slot() copies this
        }
    }

    /** The tile's card: clickable and focusable, opening {@code view}. */
    private StackPane slot(Tile tile, Label veil, ViewId view, String name) {
        tile.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        tile.setMouseTransparent(true); // clicks go to the slot, never to the tile's own controls
        StackPane slot = new StackPane(tile);
        StackPane.setAlignment(tile, Pos.TOP_LEFT);
        if (veil != null) {
            Label title = new Label();
            title.textProperty().bind(tile.titleProperty());
            title.getStyleClass().add("overview-veil-title");
            VBox cover = new VBox(title, veil);
            cover.getStyleClass().add("overview-veil");
            cover.setVisible(veil.isVisible());
            veil.setVisible(true);
            slot.getChildren().add(cover);
        }
        slot.setId("overview-slot-" + name);
        slot.getStyleClass().add("overview-slot");
        slot.setCursor(Cursor.HAND);
        // TilesFX draws some marks (the sparkline's dot before the first value) outside the tile's bounds.
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(slot.widthProperty());
        clip.heightProperty().bind(slot.heightProperty());
        clip.setArcWidth(16);
        clip.setArcHeight(16);
        slot.setClip(clip);
        Tooltip.install(slot, new Tooltip("Open " + view.title()));
        Runnable open = view == ViewId.VULNERABILITIES && name.equals("severities") ? vm::openLatestScan
                : () -> vm.open(view);
        slot.setOnMouseClicked(e -> open.run());
        return slot;
    }

    private static void flag(Node n, boolean on, String style) {
        n.getStyleClass().remove(style);
        if (on) {
            n.getStyleClass().add(style);
        }
    }
}
