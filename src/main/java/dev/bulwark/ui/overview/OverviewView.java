package dev.bulwark.ui.overview;

import atlantafx.base.theme.Styles;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.ViewId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Overview dashboard: one card per local service, each with its empty state and a way to its view. */
public final class OverviewView implements FeatureView {
    private final OverviewViewModel vm;

    public OverviewView(OverviewViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @Override
    public Parent root() {
        Label title = new Label(ViewId.OVERVIEW.title(), new FontIcon(ViewId.OVERVIEW.icon()));
        title.getStyleClass().add(Styles.TITLE_2);
        Label lead = new Label("Every local service at a glance. Cards follow the other views live.");
        lead.getStyleClass().add(Styles.TEXT_MUTED);

        GridPane grid = new GridPane(16, 16);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(half, half);
        grid.add(new ContainersCard(vm).build(), 0, 0);
        grid.add(alertsCard(), 1, 0);
        grid.add(vulnerabilitiesCard(), 0, 1);
        grid.add(labCard(), 1, 1);
        grid.add(gatewayCard(), 0, 2, 2, 1);

        VBox box = new VBox(12, new VBox(2, title, lead), grid);
        box.setPadding(new Insets(20, 24, 24, 24));
        box.getStyleClass().add("overview-view");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.getStylesheets().add(Objects.requireNonNull(
                OverviewView.class.getResource("/dev/bulwark/ui/overview/overview.css")).toExternalForm());
        return scroll;
    }

    private Node alertsCard() {
        VBox lines = new VBox(4);
        lines.setId("overview-alerts");
        Label empty = muted("No alerts since Bulwark started. Unhealthy containers, unexpected exits and restart "
                + "loops appear here.");
        empty.setId("overview-alerts-empty");
        Runnable fill = () -> {
            lines.getChildren().clear();
            if (vm.recentAlerts().isEmpty()) {
                lines.getChildren().add(empty);
            }
            for (String a : vm.recentAlerts()) {
                Label l = new Label(a);
                l.getStyleClass().addAll("overview-alert", "monospace");
                l.setWrapText(true);
                lines.getChildren().add(l);
            }
        };
        vm.recentAlerts().addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        return Cards.card("Recent alerts", ViewId.CONTAINERS, "overview-alerts-card",
                link("Open Containers", "overview-alerts-open", () -> vm.open(ViewId.CONTAINERS)), lines);
    }

    private Node vulnerabilitiesCard() {
        Label summary = new Label();
        summary.setId("overview-advisory");
        summary.setWrapText(true);
        summary.textProperty().bind(Bindings.createStringBinding(
                () -> Boolean.TRUE.equals(vm.advisoryEmpty().getValue()) ? vm.advisorySummary().getValue()
                        : "Advisory database: " + vm.advisorySummary().getValue(),
                vm.advisorySummary(), vm.advisoryEmpty()));
        Label stale = new Label();
        stale.setId("overview-advisory-stale");
        stale.setWrapText(true);
        stale.getStyleClass().add("overview-warning");
        stale.textProperty().bind(vm.advisoryStale());
        stale.visibleProperty().bind(stale.textProperty().isNotEmpty());
        stale.managedProperty().bind(stale.visibleProperty());
        Label ecosystems = muted("");
        ecosystems.setId("overview-advisory-ecosystems");
        Runnable eco = () -> ecosystems.setText(vm.advisoryEcosystems().isEmpty() ? ""
                : String.join(", ", vm.advisoryEcosystems().stream()
                .map(e -> e.ecosystem() + " " + String.format(Locale.US, "%,d", e.records())).toList()));
        vm.advisoryEcosystems().addListener((ListChangeListener<Object>) c -> eco.run());
        eco.run();

        Label scanTitle = new Label("Latest scan");
        scanTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label headline = new Label();
        headline.setId("overview-scan");
        headline.setWrapText(true);
        Label roots = new Label();
        roots.setId("overview-scan-root");
        roots.getStyleClass().add("monospace");
        roots.setWrapText(true);
        FlowPane chips = new FlowPane(6, 4);
        chips.setId("overview-scan-severities");
        Button open = new Button();
        open.setId("overview-open-scan");
        open.setOnAction(e -> vm.openLatestScan());
        Runnable scan = () -> {
            boolean none = vm.latestScanProperty().get() == null;
            headline.setText(none ? "No scan yet. Scans run in the Vulnerabilities view are remembered and "
                    + "summarised here." : vm.scanHeadlineProperty().get());
            headline.getStyleClass().remove(Styles.TEXT_MUTED);
            if (none) {
                headline.getStyleClass().add(Styles.TEXT_MUTED);
            }
            roots.setText(vm.scanRootsProperty().get());
            roots.setVisible(!none);
            roots.setManaged(!none);
            chips.getChildren().setAll(chips(vm.scanSeveritiesProperty().get(), none));
            open.setText(none ? "Go to Vulnerabilities" : "Open this scan");
        };
        vm.latestScanProperty().addListener((o, a, b) -> scan.run());
        scan.run();
        VBox body = new VBox(6, summary, stale, ecosystems, new Region(), scanTitle, headline, roots, chips);
        return Cards.card(ViewId.VULNERABILITIES.title(), ViewId.VULNERABILITIES, "overview-vulnerabilities-card",
                open, body);
    }

    private static List<Node> chips(Map<Severity, Integer> counts, boolean none) {
        if (none) {
            return List.of();
        }
        List<Severity> order = List.of(Severity.values()).reversed();
        List<Node> out = new java.util.ArrayList<>();
        for (Severity s : order) {
            Integer n = counts.get(s);
            if (n != null && n > 0) {
                Label chip = new Label(n + " " + s.label());
                chip.setId("overview-severity-" + s.label());
                chip.setMinWidth(Region.USE_PREF_SIZE);
                chip.getStyleClass().addAll("overview-chip", "severity-" + s.label());
                out.add(chip);
            }
        }
        if (out.isEmpty()) {
            Label clean = new Label("no active findings");
            clean.getStyleClass().addAll("overview-chip", "overview-chip-clean");
            out.add(clean);
        }
        return out;
    }

    private Node labCard() {
        Label headline = new Label();
        headline.setId("overview-lab");
        headline.setWrapText(true);
        VBox lines = new VBox(3);
        lines.setId("overview-lab-lines");
        Runnable fill = () -> {
            boolean none = vm.labHeadlineProperty().get().isEmpty();
            headline.setText(none ? "No rate-limiter run yet this session. The lab compares strategies on a "
                    + "scenario; its last run is summarised here." : vm.labHeadlineProperty().get());
            headline.getStyleClass().remove(Styles.TEXT_MUTED);
            if (none) {
                headline.getStyleClass().add(Styles.TEXT_MUTED);
            }
            lines.getChildren().setAll(vm.labLines().stream().map(OverviewView::monoLabel).toList());
        };
        vm.labLines().addListener((ListChangeListener<String>) c -> fill.run());
        vm.labHeadlineProperty().addListener((o, a, b) -> fill.run());
        fill.run();
        return Cards.card(ViewId.RATE_LIMITER.title(), ViewId.RATE_LIMITER, "overview-lab-card",
                link("Open the lab", "overview-open-ratelimiter", () -> vm.open(ViewId.RATE_LIMITER)),
                new VBox(6, headline, lines));
    }

    private Node gatewayCard() {
        Label dot = new Label("●");
        dot.getStyleClass().add("gateway-dot");
        Label status = new Label();
        status.setId("overview-gateway");
        status.setWrapText(true);
        Runnable state = () -> {
            boolean configured = Boolean.TRUE.equals(vm.gatewayConfigured().getValue());
            status.setText(configured ? vm.gatewayStatus().getValue()
                    : "Not configured: set the gateway's URL to follow its channels and see threat alerts here.");
            status.getStyleClass().remove(Styles.TEXT_MUTED);
            if (!configured) {
                status.getStyleClass().add(Styles.TEXT_MUTED);
            }
            dot.setVisible(configured);
            dot.setManaged(configured);
            dot.getStyleClass().removeIf(c -> c.startsWith("kind-"));
            var kind = vm.gatewayKind().getValue();
            if (kind != null) {
                dot.getStyleClass().add("kind-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        };
        vm.gatewayConfigured().addListener((o, a, b) -> state.run());
        vm.gatewayStatus().addListener((o, a, b) -> state.run());
        vm.gatewayKind().addListener((o, a, b) -> state.run());
        state.run();
        HBox line = new HBox(8, dot, status);
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label heading = new Label("Latest threat alerts");
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        GridPane threats = new GridPane(10, 4);
        threats.setId("overview-threats");
        Label none = muted("No threat alert since Bulwark started. Alerts on maximus:threats appear here.");
        none.setId("overview-threats-empty");
        Runnable fill = () -> {
            threats.getChildren().clear();
            if (vm.recentThreats().isEmpty()) {
                threats.add(none, 0, 0, 3, 1);
            }
            int row = 0;
            for (var t : vm.recentThreats()) {
                Label time = new Label(OverviewText.time(t.at(), java.time.ZoneId.systemDefault()));
                time.getStyleClass().add("monospace");
                Label sev = new Label(t.severity());
                sev.setMinWidth(Region.USE_PREF_SIZE);
                sev.getStyleClass().addAll("overview-chip", "severity-" + t.severity());
                Label text = new Label(t.summary());
                text.getStyleClass().add("overview-threat");
                threats.addRow(row++, time, sev, text);
            }
        };
        vm.recentThreats().addListener((ListChangeListener<Object>) c -> fill.run());
        fill.run();

        Button open = link("Open Gateway", "overview-open-gateway", () -> vm.open(ViewId.GATEWAY));
        open.textProperty().bind(Bindings.createStringBinding(
                () -> Boolean.TRUE.equals(vm.gatewayConfigured().getValue()) ? "Open Gateway" : "Configure",
                vm.gatewayConfigured()));
        return Cards.card(ViewId.GATEWAY.title(), ViewId.GATEWAY, "overview-gateway-card", open,
                new VBox(8, line, heading, threats));
    }

    private static Label monoLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("monospace");
        l.setWrapText(true);
        return l;
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
