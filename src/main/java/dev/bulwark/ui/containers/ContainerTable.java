package dev.bulwark.ui.containers;

import dev.bulwark.docker.model.ContainerView;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.stats.Units;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.tableview2.FilteredTableColumn;
import org.controlsfx.control.tableview2.FilteredTableView;
import org.controlsfx.control.tableview2.filter.popupfilter.PopupFilter;
import org.controlsfx.control.tableview2.filter.popupfilter.PopupNumberFilter;
import org.controlsfx.control.tableview2.filter.popupfilter.PopupStringFilter;

/**
 * The containers table: a ControlsFX {@link FilteredTableView} whose column headers carry a filter button
 * (a popup with text or number conditions; the icon turns blue while the column filters), sortable columns, a
 * CPU sparkline, stale rows greyed and labelled.
 *
 * <p>The table neither filters nor sorts its list: it hands its combined column predicate and its sort order to
 * the view-model, which keeps one stable row per container and changes the list only when membership or order
 * does (what keeps a 500-row table cheap per update).
 */
final class ContainerTable {
    /** Key in a filterable column's properties under which its {@link PopupFilter} is kept. */
    static final String POPUP_FILTER = "bulwark.popupFilter";

    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass UNHEALTHY = PseudoClass.getPseudoClass("unhealthy");
    private static final double MIB = 1024.0 * 1024;
    private static final String CSS = Objects.requireNonNull(
            ContainerTable.class.getResource("/dev/bulwark/ui/containers/containers.css")).toExternalForm();

    private ContainerTable() {
    }

    static FilteredTableView<ContainerRow> build(ContainersViewModel vm, ImageScanViewModel images) {
        // Built on the view-model's list and never given another one: a FilteredTableColumn starts tracking
        // every backing item's cell values (one runLater and a full filter pass per changed cell, thousands per
        // second at 500 rows) only when the items property changes after the columns are added.
        FilteredTableView<ContainerRow> table = new FilteredTableView<>(vm.visibleRows());
        table.setBackingList(null);
        // The view-model filters: the policy only accepts the new combined predicate, which is bound below.
        // The default policy would wrap the items into a FilteredList and SortedList, fighting the VM's order.
        table.setFilterPolicy(t -> true);
        vm.columnFilterProperty().bind(table.predicateProperty());
        table.setRowHeaderVisible(false);
        table.setRowFixingEnabled(false);
        table.setColumnFixingEnabled(false);
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
        vm.visibleRows().addListener((ListChangeListener<ContainerRow>) c -> {
            empty.setText(vm.allContainers().isEmpty()
                    ? "No containers on the connected engines."
                    : "No container matches the filters.");
            // No table.refresh() here (issue #12): it makes the flow throw every row away and build new ones,
            // and ControlsFX 11.2.4's TableRow2 registers two strong listeners on its skin's row-height map
            // in its constructor that it never removes, so every discarded row and its cells stayed reachable
            // for the life of the table. Sorted by a live figure the order changes every second, so that was
            // ~26 rows and ~360 cells leaked per second. The items change already rebuilds the cells in place.
        });

        table.getColumns().add(text("Name", 150, v -> v.details().name()));
        table.getColumns().add(text("Engine", 90, ContainerView::engine));
        table.getColumns().add(text("State", 100, ContainerTable::stateText));
        table.getColumns().add(text("Health", 96, v -> v.details().health() == Health.NONE ? "" : v.details().health().label()));
        table.getColumns().add(vulnerabilityColumn(images));
        table.getColumns().add(number("CPU %", "%", 90, v -> v.live() && v.stats() != null ? v.stats().cpuPercent() : null,
                d -> Units.percent(d)));
        table.getColumns().add(sparkColumn(vm));
        // Memory and Net I/O are filtered in MiB and kB/s: what a person types, not bytes.
        table.getColumns().add(number("Memory", "MiB", 96, v -> v.live() && v.stats() != null ? v.stats().memUsageBytes() / MIB : null,
                d -> Units.binary(Math.round(d * MIB))));
        table.getColumns().add(number("Mem %", "%", 88, v -> v.live() && v.stats() != null ? v.stats().memPercent() : null,
                d -> Units.percent(d)));
        table.getColumns().add(number("Net I/O", "kB/s", 96, v -> v.live() && v.stats() != null
                ? (v.stats().netRxRate() + v.stats().netTxRate()) / 1000 : null, d -> Units.decimal(d * 1000) + "/s"));
        table.getColumns().add(number("PIDs", null, 66, v -> v.live() && v.stats() != null ? (double) v.stats().pids() : null,
                d -> String.valueOf((long) d.doubleValue())));
        table.getColumns().add(number("Restarts", null, 90, v -> (double) v.details().restartCount(),
                d -> String.valueOf((long) d.doubleValue())));
        table.getColumns().add(uptimeColumn(vm));
        table.getColumns().add(text("Image", 150, v -> v.details().image()));
        table.getColumns().add(text("Project", 100, v -> v.details().composeProject() == null ? "" : v.details().composeProject()));
        return table;
    }

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

    private static String id(String title) {
        return "col-" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-").replaceAll("-$", "");
    }

    private static FilteredTableColumn<ContainerRow, String> text(String title, double width, Function<ContainerView, String> f) {
        FilteredTableColumn<ContainerRow, String> c = new FilteredTableColumn<>(title);
        c.setId(id(title));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> cd.getValue().viewProperty().map(f));
        c.setCellFactory(col -> new RowCell<>(s -> s));
        PopupStringFilter<ContainerRow, String> popup = new PopupStringFilter<>(c);
        withPopup(c, popup, "Filter " + title + ": contains \"web\", equals to \"running\", … (Aa: ignore case)");
        return c;
    }

    private static FilteredTableColumn<ContainerRow, Double> number(String title, String unit, double width,
                                                                    Function<ContainerView, Double> f,
                                                                    Function<Double, String> format) {
        FilteredTableColumn<ContainerRow, Double> c = new FilteredTableColumn<>(title);
        c.setId(id(title));
        c.setPrefWidth(width);
        // map() skips null results: wrap so a missing figure is a null cell value, not a stale one.
        c.setCellValueFactory(cd -> cd.getValue().viewProperty().map(v -> Optional.ofNullable(f.apply(v)))
                .map(o -> o.orElse(null)));
        c.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        c.setCellFactory(col -> new RowCell<>(d -> d == null ? "–" : format.apply(d)));
        c.getStyleClass().add("numeric");
        PopupNumberFilter<ContainerRow, Double> popup = new PopupNumberFilter<>(c);
        withPopup(c, popup, "Filter " + title + (unit == null ? "" : " in " + unit) + ": > 50, ≤ 10, > 5 AND < 20, …");
        return c;
    }

    private static <T> void withPopup(FilteredTableColumn<ContainerRow, T> c, PopupFilter<ContainerRow, T> popup, String hint) {
        c.getProperties().put(POPUP_FILTER, popup);
        popup.getStyleClass().add("containers-filter-popup");
        c.setOnFilterAction(e -> popup.showPopup());
        // The popup is a window of its own: it sees the scene's stylesheets, not this view's, so give it ours
        // (after ControlsFX's own, made for Modena's light colours) once its skin exists.
        popup.skinProperty().addListener((o, a, skin) -> {
            if (skin != null && skin.getNode() instanceof Parent p) {
                p.getStylesheets().add(CSS);
            }
        });
        Tooltip.install(c.getGraphic(), new Tooltip(hint));
    }

    /**
     * The worst active severity of the container's image once that image id was scanned (any container on it):
     * empty until then, "none" when clean, "unreadable" when the image could not be read.
     */
    private static TableColumn<ContainerRow, String> vulnerabilityColumn(ImageScanViewModel images) {
        TableColumn<ContainerRow, String> c = new TableColumn<>("Vulns");
        c.setId("col-vulns");
        c.setPrefWidth(92);
        c.setCellValueFactory(cd -> javafx.beans.binding.Bindings.createStringBinding(
                () -> ImageScanViewModel.worstText(images.results().get(cd.getValue().view().details().imageId())),
                cd.getValue().viewProperty(), images.results()));
        c.setComparator(Comparator.comparingInt(ContainerTable::worstRank));
        c.setCellFactory(col -> new RowCell<>(s -> s) {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(k -> k.startsWith("vulns-"));
                if (!empty && item != null && !item.isEmpty()) {
                    getStyleClass().add("vulns-" + item.toLowerCase(Locale.ROOT));
                }
            }
        });
        return c;
    }

    /** Sort key: not scanned, unreadable, none, then by severity. */
    private static int worstRank(String s) {
        return switch (s == null ? "" : s) {
            case "" -> 0;
            case "unreadable" -> 1;
            case "none" -> 2;
            default -> 3 + dev.bulwark.scan.match.Severity.valueOf(s).ordinal();
        };
    }

    private static TableColumn<ContainerRow, String> uptimeColumn(ContainersViewModel vm) {
        TableColumn<ContainerRow, String> c = new TableColumn<>("Uptime");
        c.setId("col-uptime");
        c.setPrefWidth(80);
        c.setCellValueFactory(cd -> cd.getValue().viewProperty()
                .map(v -> v.live() ? Units.duration(v.details().uptime(vm.now())) : ""));
        c.setCellFactory(col -> new RowCell<>(s -> s));
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
                mark(this, empty ? null : v);
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

    /**
     * A text cell marked {@code :stale} or {@code :unhealthy} after its row's container. The marks sit on the
     * cells, not the row: TableView2's skin binds the row factory to its own rows. Every cell of a row is
     * updated when the row's data changes, and when rows move (the items change rebuilds the cells: each is
     * updated for its new index), so the marks follow without a {@code refresh()}.
     */
    private static class RowCell<T> extends TableCell<ContainerRow, T> {
        private final Function<T, String> format;

        RowCell(Function<T, String> format) {
            this.format = format;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : format.apply(item));
            ContainerRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            mark(this, row == null ? null : row.view());
        }
    }

    private static void mark(TableCell<ContainerRow, ?> cell, ContainerView v) {
        cell.pseudoClassStateChanged(STALE, v != null && v.stale());
        cell.pseudoClassStateChanged(UNHEALTHY, v != null && !v.stale() && v.details().health() == Health.UNHEALTHY);
    }
}
