package dev.bulwark.ui.scan;

import dev.bulwark.scan.image.ImageInventory;
import dev.bulwark.scan.match.Advisory;
import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.VexSuppression;
import dev.bulwark.scan.match.Location;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The detail pane of the selected finding: plain text only (no WebView), CVSS metrics, links and ignore. */
final class FindingDetailPane {
    private final VulnerabilitiesViewModel vm;
    private final CvssMetrics cvss = new CvssMetrics();
    private final VBox content = new VBox(10);
    private final VBox side = new VBox(10);
    private final HBox columns = new HBox(24, content, side);
    private final ScrollPane scroll = new ScrollPane(columns);

    FindingDetailPane(VulnerabilitiesViewModel vm) {
        this.vm = vm;
        scroll.setId("scan-detail");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        columns.setPadding(new Insets(14));
        columns.getStyleClass().add("scan-detail");
        HBox.setHgrow(content, Priority.ALWAYS);
        content.setPrefWidth(520);
        side.setPrefWidth(340);
        side.setMinWidth(280);
        vm.selectedProperty().addListener((o, a, b) -> render(b));
        render(null);
    }

    Node node() {
        return scroll;
    }

    private void render(Finding f) {
        content.getChildren().clear();
        side.getChildren().clear();
        if (f == null) {
            Label empty = new Label("Select a finding to see its summary, details, CVSS metrics and references.");
            empty.setWrapText(true);
            empty.getStyleClass().add("text-muted");
            content.getChildren().add(empty);
            return;
        }
        Label id = new Label(f.id());
        id.setId("scan-detail-id");
        id.getStyleClass().add("title-3");
        id.setWrapText(true);
        content.getChildren().add(id);
        if (!f.aliases().isEmpty()) {
            content.getChildren().add(muted("Also known as " + String.join(", ", f.aliases())));
        }
        content.getChildren().add(new Label(f.packageName() + " " + f.version() + " (" + f.ecosystem() + ")"));
        HBox severity = new HBox(8, SeverityChip.of(f.severity().rating()),
                new Label(f.severity().score() == null ? "no CVSS score" : "score " + f.severity().score()));
        content.getChildren().add(severity);
        if (f.severity().source() != null) {
            content.getChildren().add(muted("Severity from " + f.severity().source()));
        }
        content.getChildren().add(new Label(f.firstFixed() != null ? "Fixed in " + f.firstFixed()
                + (f.fixedVersions().size() > 1 ? " (also " + String.join(", ", f.fixedVersions().subList(1,
                f.fixedVersions().size())) + ")" : "") : "No fixed version known"));
        if (f.isInformational()) {
            content.getChildren().add(muted("Informational advisory: " + f.informational()));
        }
        content.getChildren().add(ignoreSection(f));
        content.getChildren().add(section("Summary"));
        Label summary = new Label(f.summary().isBlank() ? "No summary given." : f.summary());
        summary.setId("scan-detail-summary");
        summary.setWrapText(true);
        content.getChildren().add(summary);
        String details = details(f);
        if (!details.isBlank()) {
            content.getChildren().add(section("Details"));
            TextArea area = new TextArea(details);
            area.setId("scan-detail-details");
            area.setEditable(false);
            area.setWrapText(true);
            area.setPrefRowCount(8);
            content.getChildren().add(area);
        }
        side.getChildren().add(cvssSection(f.severity().vector()));
        side.getChildren().add(section("Declared in"));
        side.getChildren().add(muted(f.locations().stream().map(FindingDetailPane::where)
                .collect(Collectors.joining("\n"))));
        side.getChildren().add(referenceSection(f.references()));
    }

    private static String where(Location l) {
        String file = l.file() == null ? "(no file)" : l.file().toString();
        if (l.origin() != null) {
            // In an image: the layer that brought this version and the history command that made it.
            return file + "\nlayer " + ImageInventory.Layer.shortDigest(l.origin().layer()) + ": "
                    + ImageInventory.Layer.command(l.origin().createdBy());
        }
        return file + (l.line() > 0 ? ":" + l.line() : "") + " — " + l.relationship().name().toLowerCase()
                + (l.dev() ? ", dev" : "");
    }

    private static String details(Finding f) {
        return f.advisories().stream().filter(a -> !a.details().isBlank())
                .sorted((a, b) -> Boolean.compare(!a.id().equals(f.id()), !b.id().equals(f.id())))
                .map(Advisory::details).findFirst().orElse("");
    }

    private Node cvssSection(String vector) {
        VBox box = new VBox(6, section("CVSS"));
        List<CvssMetrics.Metric> metrics = cvss.parse(vector);
        if (metrics.isEmpty()) {
            box.getChildren().add(muted("No CVSS vector in the advisories."));
            return box;
        }
        Label v = muted(vector);
        v.setId("scan-cvss-vector");
        v.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setId("scan-cvss");
        grid.setHgap(12);
        grid.setVgap(3);
        int row = 0;
        for (CvssMetrics.Metric m : metrics) {
            Label value = new Label(m.label());
            value.getStyleClass().add("cvss-value");
            grid.addRow(row++, muted(m.name()), value);
        }
        box.getChildren().addAll(v, grid);
        return box;
    }

    private Node referenceSection(List<String> references) {
        VBox box = new VBox(2, section("References"));
        box.setId("scan-references");
        if (references.isEmpty()) {
            box.getChildren().add(muted("None given."));
        }
        for (String url : references) {
            Hyperlink link = new Hyperlink(url);
            link.setWrapText(true);
            link.setOnAction(e -> vm.openReference(url));
            box.getChildren().add(link);
        }
        return box;
    }

    private Node ignoreSection(Finding f) {
        VBox box = new VBox(6);
        if (f.isIgnored() && f.ignore().isVex()) {
            VexSuppression v = f.ignore().vex();
            Label head = new Label("Suppressed by VEX: " + v.status() + (v.justification() == null ? ""
                    : " — " + v.justification().replace('_', ' ')));
            head.setId("scan-detail-vex");
            head.getStyleClass().add("scan-vex");
            head.setWrapText(true);
            box.getChildren().add(head);
            if (v.impactStatement() != null) {
                Label impact = new Label(v.impactStatement());
                impact.setId("scan-detail-vex-impact");
                impact.setWrapText(true);
                box.getChildren().add(impact);
            }
            Label source = muted(v.format() + " " + v.document() + "\n" + v.source() + "\nmatched "
                    + f.ignore().matchedId() + " in " + v.product()
                    + (v.timestamp() == null ? "" : "\nstatement of " + v.timestamp()));
            source.setId("scan-detail-vex-source");
            box.getChildren().add(source);
            return box;
        }
        if (f.isIgnored()) {
            Label l = new Label("Ignored (" + f.ignore().matchedId() + "): " + f.ignore().reason()
                    + (f.ignore().expires() != null ? ", until " + f.ignore().expires() : ""));
            l.setId("scan-detail-ignored");
            l.setWrapText(true);
            box.getChildren().add(l);
            return box;
        }
        TextField reason = new TextField();
        reason.setId("scan-ignore-reason");
        reason.setPromptText("Reason (required), e.g. not reachable from our code");
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button ignore = new Button("Ignore");
        ignore.setId("scan-ignore");
        ignore.disableProperty().bind(reason.textProperty().isEmpty());
        ignore.setOnAction(e -> vm.ignoreSelected(reason.getText()));
        ignore.setTooltip(new Tooltip(vm.ignoreTooltip(f)));
        box.getChildren().add(new HBox(8, reason, ignore));
        return box;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("title-4", "scan-section");
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        l.setWrapText(true);
        return l;
    }
}
