package dev.bulwark.ui.scan;

import dev.bulwark.scan.match.Finding;
import dev.bulwark.scan.match.Severity;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;

/** The results: one row per finding, or package rows with their findings beneath when grouped. */
final class ResultsTable {
    /** A table row: a package group (finding null) or a finding (group may be null). */
    record Row(PackageGroup group, Finding finding) {
    }

    private final VulnerabilitiesViewModel vm;
    private final TreeTableView<Row> table = new TreeTableView<>(new TreeItem<>());

    ResultsTable(VulnerabilitiesViewModel vm) {
        this.vm = vm;
        table.setId("scan-results");
        table.setShowRoot(false);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                text("Package", 150, r -> r.finding() == null ? r.group().name() + "  (" + r.group().findings().size()
                        + ")" : r.finding().packageName()),
                text("Version", 105, r -> r.finding() == null ? r.group().version() : r.finding().version()),
                text("Ecosystem", 95, r -> r.finding() == null ? r.group().ecosystem()
                        : r.finding().ecosystem().osvName()),
                text("ID", 170, r -> r.finding() == null ? "" : r.finding().id()
                        + (r.finding().aliases().isEmpty() ? "" : "  +" + r.finding().aliases().size())),
                severity(),
                text("Score", 62, r -> {
                    Double s = r.finding() == null ? r.group().maxSeverity().score() : r.finding().severity().score();
                    return s == null ? "" : String.format(Locale.ROOT, "%.1f", s);
                }),
                text("Fixed in", 90, r -> r.finding() == null ? "" : r.finding().firstFixed() != null
                        ? r.finding().firstFixed() : "no fix"),
                text("Backends", 90, r -> r.finding() == null ? "" : String.join(", ", r.finding().backends())),
                text("State", 110, r -> r.finding() == null ? "" : r.finding().isIgnored()
                        ? r.finding().ignore().isVex() ? r.finding().ignore().vex().status().replace('_', ' ') : "ignored"
                        : r.finding().isInformational() ? r.finding().informational() : "")));
        table.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("finding-ignored", "finding-vex", "package-row");
                if (!empty && item != null) {
                    if (item.finding() == null) {
                        getStyleClass().add("package-row");
                    } else if (item.finding().isIgnored()) {
                        getStyleClass().add(item.finding().ignore().isVex() ? "finding-vex" : "finding-ignored");
                    }
                }
            }
        });
        Label placeholder = new Label("No scan yet. Choose or drop a folder, then Scan.");
        placeholder.getStyleClass().add("text-muted");
        table.setPlaceholder(placeholder);
        vm.reportProperty().addListener((o, a, b) -> placeholder.setText(b == null
                ? "No scan yet. Choose or drop a folder, then Scan."
                : b.findings().isEmpty() ? "No known vulnerabilities in the " + b.packages().size()
                + " packages checked." : "No finding matches the filters."));
        vm.visibleFindings().addListener((ListChangeListener<Finding>) c -> rebuild());
        vm.groupedProperty().addListener((o, a, b) -> rebuild());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.getValue() != null && b.getValue().finding() != null) {
                vm.selectedProperty().set(b.getValue().finding());
            }
        });
    }

    TreeTableView<Row> node() {
        return table;
    }

    private void rebuild() {
        TreeItem<Row> root = table.getRoot();
        root.getChildren().clear();
        if (vm.groupedProperty().get()) {
            for (PackageGroup g : vm.groups()) {
                TreeItem<Row> item = new TreeItem<>(new Row(g, null));
                g.findings().forEach(f -> item.getChildren().add(new TreeItem<>(new Row(g, f))));
                item.setExpanded(true);
                root.getChildren().add(item);
            }
        } else {
            vm.visibleFindings().forEach(f -> root.getChildren().add(new TreeItem<>(new Row(null, f))));
        }
    }

    private static TreeTableColumn<Row, String> text(String title, double width, Function<Row, String> value) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.round(width * 0.6));
        c.setCellValueFactory(p -> new ReadOnlyStringWrapper(p.getValue().getValue() == null ? ""
                : value.apply(p.getValue().getValue())));
        return c;
    }

    private static TreeTableColumn<Row, Severity> severity() {
        TreeTableColumn<Row, Severity> c = new TreeTableColumn<>("Severity");
        c.setPrefWidth(100);
        c.setMinWidth(90);
        c.setCellValueFactory(p -> {
            Row r = p.getValue().getValue();
            return new ReadOnlyObjectWrapper<>(r == null ? null : r.finding() == null
                    ? r.group().maxSeverity().rating() : r.finding().severity().rating());
        });
        c.setComparator(Severity::compareTo);
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(Severity s, boolean empty) {
                super.updateItem(s, empty);
                setText(null);
                setGraphic(empty || s == null ? null : SeverityChip.of(s));
            }
        });
        return c;
    }
}
