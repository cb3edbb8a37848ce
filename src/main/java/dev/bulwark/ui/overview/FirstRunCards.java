package dev.bulwark.ui.overview;

import atlantafx.base.theme.Styles;
import dev.bulwark.ui.ViewId;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * What the Overview says when something is missing, instead of empty numbers: no container engine (with the
 * engine's own error and how to connect one), no advisory data (import or download, with what each does and
 * how big it is), no gateway (configure it). Each card shows only while its condition holds.
 */
final class FirstRunCards {
    private final OverviewViewModel vm;
    private final Function<Window, List<Path>> dumpPicker;

    /** @param dumpPicker the file dialog for OSV dumps (the Vulnerabilities view's own) */
    FirstRunCards(OverviewViewModel vm, Function<Window, List<Path>> dumpPicker) {
        this.vm = vm;
        this.dumpPicker = dumpPicker;
    }

    List<Node> build() {
        return List.of(engineCard(), advisoryCard(), gatewayCard());
    }

    private Node engineCard() {
        Label reason = new Label();
        reason.setId("first-run-engine-reason");
        reason.setWrapText(true);
        reason.getStyleClass().add("monospace");
        reason.textProperty().bind(vm.engineProblemProperty());
        Label how = OverviewView.muted("Start Docker, or set DOCKER_HOST before starting Bulwark (rootless Docker: "
                + "unix:///run/user/<uid>/docker.sock), or add an engine in Settings. Without DOCKER_HOST Bulwark uses "
                + "the platform's socket. It keeps retrying.");
        how.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button settings = OverviewView.link("Open Settings", "first-run-engine-settings", () -> vm.open(ViewId.SETTINGS));
        VBox card = Cards.card("No container engine reachable", ViewId.CONTAINERS, "first-run-engine", settings,
                new VBox(6, reason, how));
        showWhile(card, vm.enginesDownProperty());
        return card;
    }

    private Node advisoryCard() {
        AdvisoryActions db = vm.advisory().actions();
        Button importButton = new Button("Import OSV dump…");
        importButton.setId("first-run-import");
        importButton.setOnAction(e -> vm.advisory().importDumps(dumpPicker.apply(importButton.getScene().getWindow())));
        Label importWhat = OverviewView.muted("Reads OSV dump zips (<Ecosystem>/all.zip, as osv.dev publishes them) "
                + "or OSV JSON files you already have. Works offline; the picked files' size is shown when you pick "
                + "them.");
        Button download = new Button("Download");
        download.setId("first-run-download");
        download.getStyleClass().add(Styles.ACCENT);
        download.setOnAction(e -> db.download());
        Label downloadWhat = OverviewView.muted("Downloads every ecosystem's dump from OSV.dev's dump server and "
                + "imports it. Needs internet access once; later updates fetch only changed dumps.");
        Label size = new Label();
        size.setId("first-run-download-size");
        size.setWrapText(true);
        size.textProperty().bind(Bindings.createStringBinding(() -> "Download size: " + db.downloadSize().getValue(),
                db.downloadSize()));
        Button check = OverviewView.link("Check size", "first-run-check-size", db::checkDownloadSize);
        check.getStyleClass().removeAll(Styles.ACCENT);
        importButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> Boolean.TRUE.equals(db.busy().getValue()), db.busy()));
        download.disableProperty().bind(importButton.disableProperty());
        Label progress = new Label();
        progress.setId("first-run-advisory-message");
        progress.setWrapText(true);
        progress.visibleProperty().bind(progress.textProperty().isNotEmpty());
        progress.managedProperty().bind(progress.visibleProperty());
        progress.textProperty().bind(Bindings.createStringBinding(() -> {
            String m = db.message().getValue();
            String picked = vm.advisory().noteProperty().get();
            return picked.isEmpty() ? (m == null ? "" : m) : m == null || m.isBlank() ? picked : picked + " " + m;
        }, db.message(), vm.advisory().noteProperty()));
        importButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        download.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        check.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        GridPane actions = new GridPane(12, 8);
        actions.addRow(0, importButton, importWhat);
        actions.addRow(1, download, new VBox(4, downloadWhat, sizeLine(size, check)));
        Label lead = new Label("There is no advisory data yet, so nothing can be scanned.");
        lead.setWrapText(true);
        VBox card = Cards.card("No advisory data", ViewId.VULNERABILITIES, "first-run-advisory",
                OverviewView.link("Open Vulnerabilities", "first-run-open-vulnerabilities",
                        () -> vm.open(ViewId.VULNERABILITIES)), new VBox(8, lead, actions, progress));
        showWhile(card, vm.advisoryEmpty());
        return card;
    }

    private static Node sizeLine(Label size, Button check) {
        javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(8, size, check);
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return line;
    }

    private Node gatewayCard() {
        Label what = OverviewView.muted("Connect to a Bulwark gateway to follow its channels, see its threat alerts "
                + "here, and forward container alerts and scan findings to it.");
        VBox card = Cards.card("Gateway not configured", ViewId.GATEWAY, "first-run-gateway",
                OverviewView.link("Configure", "first-run-gateway-configure", () -> vm.open(ViewId.GATEWAY)),
                new VBox(what));
        card.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> !Boolean.TRUE.equals(vm.gatewayConfigured().getValue()), vm.gatewayConfigured()));
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    private static void showWhile(Node card, ObservableValue<Boolean> condition) {
        card.visibleProperty().bind(Bindings.createBooleanBinding(() -> Boolean.TRUE.equals(condition.getValue()),
                condition));
        card.managedProperty().bind(card.visibleProperty());
    }
}
