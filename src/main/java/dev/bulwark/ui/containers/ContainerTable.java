package dev.bulwark.ui.containers;

import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.stats.Units;
import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The containers table: sortable columns, a CPU sparkline, stale rows greyed and labelled. */
final class ContainerTable {
    private ContainerTable() {
    }

    static TableView<ContainerView> build(ContainersViewModel vm) {
        TableView<ContainerView> table = new TableView<>();
        table.setId("containers-table");
        table.getStyleClass().add("containers-table");
        SortedList<ContainerView> sorted = new SortedList<>(vm.visibleContainers());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Label empty = new Label("No containers yet: waiting for the engines (see their state above).");
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);
        vm.visibleContainers().addListener((javafx.collections.ListChangeListener<ContainerView>) c ->
                empty.setText(vm.allContainers().isEmpty()
                        ? "No containers on the connected engines."
                        : "No container matches the filter."));

        table.getColumns().add(text("Name", 150, v -> v.details().name()));
        table.getColumns().add(text("Engine", 80, ContainerView::engine));
        table.getColumns().add(text("State", 100, ContainerTable::stateText));
        table.getColumns().add(text("Health", 75, v -> v.details().health() == Health.NONE ? "" : v.details().health().label()));
        table.getColumns().add(number("CPU %", 66, v -> v.live() && v.stats() != null ? v.stats().cpuPercent() : null,
                d -> Units.percent(d)));
        table.getColumns().add(sparkColumn(vm));
        table.getColumns().add(number("Memory", 84, v -> v.live() && v.stats() != null ? (double) v.stats().memUsageBytes() : null,
                Units::binary));
        table.getColumns().add(number("Mem %", 62, v -> v.live() && v.stats() != null ? v.stats().memPercent() : null,
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
            @Override
            protected void updateItem(ContainerView v, boolean empty) {
                super.updateItem(v, empty);
                pseudoClassStateChanged(STALE, !empty && v != null && v.stale());
                pseudoClassStateChanged(UNHEALTHY, !empty && v != null && !v.stale() && v.details().health() == Health.UNHEALTHY);
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

    private static TableColumn<ContainerView, String> text(String title, double width, Function<ContainerView, String> f) {
        TableColumn<ContainerView, String> c = new TableColumn<>(title);
        c.setId("col-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private static TableColumn<ContainerView, Double> number(String title, double width,
                                                             Function<ContainerView, Double> f,
                                                             Function<Double, String> format) {
        TableColumn<ContainerView, Double> c = new TableColumn<>(title);
        c.setId("col-" + title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-"));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
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

    private static TableColumn<ContainerView, ContainerView> sparkColumn(ContainersViewModel vm) {
        TableColumn<ContainerView, ContainerView> c = new TableColumn<>("CPU 15 min");
        c.setId("col-cpu-spark");
        c.setPrefWidth(104);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
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
