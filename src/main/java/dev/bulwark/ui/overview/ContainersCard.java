package dev.bulwark.ui.overview;

import dev.bulwark.docker.model.Totals;
import dev.bulwark.ui.ViewId;
import java.util.Locale;
import java.util.function.ToIntFunction;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The containers card: engine states, container counts as tiles, cluster CPU and memory. */
final class ContainersCard {
    private final OverviewViewModel vm;

    ContainersCard(OverviewViewModel vm) {
        this.vm = vm;
    }

    VBox build() {
        Label headline = new Label();
        headline.setId("overview-engines-headline");
        headline.setWrapText(true);
        headline.textProperty().bind(vm.engineHeadlineProperty());
        vm.enginesDownProperty().addListener((o, a, down) -> mark(headline, down));
        mark(headline, vm.enginesDownProperty().get());

        VBox engines = new VBox(2);
        engines.setId("overview-engines");
        Runnable fillEngines = () -> engines.getChildren().setAll(vm.engineLines().stream().map(e -> {
            Label l = new Label("●  " + e.text());
            l.setWrapText(true);
            l.getStyleClass().add("engine-" + e.kind().name().toLowerCase(Locale.ROOT));
            return (Node) l;
        }).toList());
        vm.engineLines().addListener((ListChangeListener<OverviewViewModel.EngineLine>) c -> fillEngines.run());
        fillEngines.run();

        FlowPane tiles = new FlowPane(8, 8);
        tiles.setId("overview-container-counts");
        Label total = tile(tiles, "total", "containers");
        Label running = tile(tiles, "running", "running");
        Label healthy = tile(tiles, "healthy", "healthy");
        Label unhealthy = tile(tiles, "unhealthy", "unhealthy");
        Label stopped = tile(tiles, "stopped", "stopped");
        Label stale = tile(tiles, "stale", "stale");
        Label cpu = tile(tiles, "cpu", "CPU (100 % = 1 core)");
        Label mem = tile(tiles, "memory", "memory");
        cpu.textProperty().bind(vm.cpuProperty());
        mem.textProperty().bind(vm.memoryProperty());
        Runnable counts = () -> {
            Totals t = vm.totalsProperty().get();
            total.setText(count(t, Totals::total));
            running.setText(count(t, Totals::running));
            healthy.setText(count(t, Totals::healthy));
            unhealthy.setText(count(t, Totals::unhealthy));
            stopped.setText(count(t, Totals::stopped));
            stale.setText(count(t, Totals::stale));
            flag(unhealthy, t != null && t.unhealthy() > 0, "tile-danger");
            flag(stale, t != null && t.stale() > 0, "tile-warning");
            tiles.setVisible(t != null);
            tiles.setManaged(t != null);
        };
        vm.totalsProperty().addListener((o, a, b) -> counts.run());
        counts.run();

        return Cards.card(ViewId.CONTAINERS.title(), ViewId.CONTAINERS, "overview-containers-card",
                OverviewView.link("Open Containers", "overview-open-containers", () -> vm.open(ViewId.CONTAINERS)),
                new VBox(8, headline, engines, tiles));
    }

    private static Label tile(FlowPane tiles, String id, String caption) {
        Label value = new Label("–");
        value.setId("overview-count-" + id);
        value.getStyleClass().add("tile-value");
        Label name = new Label(caption);
        name.getStyleClass().add("tile-caption");
        VBox tile = new VBox(0, value, name);
        tile.setAlignment(Pos.CENTER_LEFT);
        tile.getStyleClass().add("overview-tile");
        tiles.getChildren().add(tile);
        return value;
    }

    private static String count(Totals t, ToIntFunction<Totals> f) {
        return t == null ? "–" : Integer.toString(f.applyAsInt(t));
    }

    private static void mark(Label headline, boolean down) {
        flag(headline, down, "overview-danger");
    }

    private static void flag(Node n, boolean on, String style) {
        n.getStyleClass().remove(style);
        if (on) {
            n.getStyleClass().add(style);
        }
    }
}
