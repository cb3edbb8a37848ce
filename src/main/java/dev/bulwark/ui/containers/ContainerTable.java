package dev.bulwark.ui.containers;

import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.stats.Units;
import java.util.Comparator;
import java.util.function.Function;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The containers table: sortable columns, a CPU sparkline, stale rows greyed and labelled. */
final class ContainerTable {
    private ContainerTable() {
    }

    static TableView<ContainerRow> build(ContainersViewModel vm) {
        TableView<ContainerRow> table = new TableView<>(vm.visibleRows());
        table.setId("containers-table");
        table.getStyleClass().add("containers-table");
        // Fixed row height: the flow lays rows out without measuring each one on every update.
        table.setFixedCellSize(30);
        // The view-model sorts (rows are re-ordered only when the order really changes).
        table.setSortPolicy(t -> {
            vm.orderProperty().set(t.getSortOrder().isEmpty() ? null : t.getComparator());
            return true;
        });
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Label empty = new Label("No containers yet: waiting for the engines (see their state above).");
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<ContainerRow>) c -> {
            empty.setText(vm.allContainers().isEmpty()
                    ? "No containers on the connected engines."
                    : "No container matches the filter.");
            // Rows came, went or moved (not the per-second path): rebuild the cells, because cells the flow
            // re-used across such a change were seen keeping unresolved theme colours (black text).
            table.refresh();
        });

        table.getColumns().add(text("Name", 150, v -> v.details().name()));
        table.getColumns().add(text("Engine", 76, ContainerView::engine));
        table.getColumns().add(text("State", 100, ContainerTable::stateText));
        table.getColumns().add(text("Health", 92, v -> v.details().health() == Health.NONE ? "" : v.details().health().label()));
        table.getColumns().add(number("CPU %", 88, v -> v.live() && v.stats() != null ? v.stats().cpuPercent() : null,
                d -> Units.percent(d)));
        table.getColumns().add(sparkColumn(vm));
        table.getColumns().add(number("Memory", 84, v -> v.live() && v.stats() != null ? (double) v.stats().memUsageBytes() : null,
                Units::binary));
        table.getColumns().add(number("Mem %", 74, v -> v.live() && v.stats() != null ? v.stats().memPercent() : null,
                d -> Units.percent(d)));
        table.getColumns().add(number("Net I/O", 76, v -> v.live() && v.stats() != null
                ? v.stats().netRxRate() + v.stats().netTxRate() : null, d -> Units.decimal(d) + "/s"));
        table.getColumns().add(number("PIDs", 48, v -> v.live() && v.stats() != null ? (double) v.stats().pids() : null,
                d -> String.valueOf((long) d.doubleValue())));
        table.getColumns().add(number("Restarts", 70, v -> (double) v.details().restartCount(),
                d -> String.valueOf((long) d.doubleValue())));
        table.getColumns().add(text("Uptime", 80, v -> v.live() ? Units.duration(v.details().uptime(vm.now())) : ""));
        table.getColumns().add(text("Image", 150, v -> v.details().image()));
        table.getColumns().add(text("Project", 100, v -> v.details().composeProject() == null ? "" : v.details().composeProject()));

        table.setRowFactory(t -> new TableRow<>() {
            private final javafx.beans.value.ChangeListener<ContainerView> onChange = (o, a, b) -> style(b);

            @Override
            protected void updateItem(ContainerRow row, boolean empty) {
                ContainerRow old = getItem();
                if (old != null) {
                    old.viewProperty().removeListener(onChange);
                }
                super.updateItem(row, empty);
                if (!empty && row != null) {
                    row.viewProperty().addListener(onChange);
                    style(row.view());
                } else {
                    style(null);
                }
            }

            private void style(ContainerView v) {
                pseudoClassStateChanged(STALE, v != null && v.stale());
                pseudoClassStateChanged(UNHEALTHY, v != null && !v.stale() && v.details().health() == Health.UNHEALTHY);
            }
        });
        return table;
    }

    private static final javafx.css.PseudoClass STALE = javafx.css.PseudoClass.getPseudoClass("stale");
    private static final javafx.css.PseudoClass UNHEALTHY = javafx.css.PseudoClass.getPseudoClass("unhealthy");

    static String stateText(ContainerView v) {
        String s = v.details().state().label();
        if (v.stale()) {
            return "stale (was " + s + ")";
        }
        if (!v.details().state().hasProcesses() && v.details().finishedAt() != null) {
            return s + " (" + v.details().exitCode() + (v.details().oomKilled() ? ", OOM" : "") + ")";
        }
        return s;
    }

    private static TableColumn<ContainerRow, String> text(String title, double width, Function<ContainerView, String> f) {
        TableColumn<ContainerRow, String> c = new TableColumn<>(title);
        c.setId("col-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> cd.getValue().viewProperty().map(f));
        return c;
    }

    private static TableColumn<ContainerRow, Double> number(String title, double width,
                                                            Function<ContainerView, Double> f,
                                                            Function<Double, String> format) {
        TableColumn<ContainerRow, Double> c = new TableColumn<>(title);
        c.setId("col-" + title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-"));
        c.setPrefWidth(width);
        // map() skips null results: wrap so a missing figure is a null cell value, not a stale one.
        c.setCellValueFactory(cd -> cd.getValue().viewProperty().map(v -> Optional.ofNullable(f.apply(v)))
                .map(o -> o.orElse(null)));
        c.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty ? null : d == null ? "–" : format.apply(d));
            }
        });
        c.getStyleClass().add("numeric");
        return c;
    }

    private static TableColumn<ContainerRow, ContainerView> sparkColumn(ContainersViewModel vm) {
        TableColumn<ContainerRow, ContainerView> c = new TableColumn<>("CPU 15m");
        c.setId("col-cpu-spark");
        c.setPrefWidth(104);
        c.setSortable(false);
        c.setCellValueFactory(cd -> cd.getValue().viewProperty());
        c.setCellFactory(col -> new TableCell<>() {
            private final Sparkline line = new Sparkline();

            @Override
            protected void updateItem(ContainerView v, boolean empty) {
                super.updateItem(v, empty);
                if (empty || v == null || !v.live()) {
                    setGraphic(null);
                } else {
                    line.setValues(vm.cpuSparkline(v));
                    setGraphic(line);
                }
            }
        });
        return c;
    }
}
