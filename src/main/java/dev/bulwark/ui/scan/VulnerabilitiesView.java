package dev.bulwark.ui.scan;

import dev.bulwark.scan.history.ScanHistory;
import dev.bulwark.scan.match.Severity;
import dev.bulwark.scan.report.ReportFormat;
import dev.bulwark.ui.FeatureView;
import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import dev.bulwark.scan.image.ImageSource;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The Vulnerabilities view: target and backends, database card, results with filters, detail, export, history. */
public final class VulnerabilitiesView implements FeatureView {

    private final VulnerabilitiesViewModel vm;
    private final ScanPickers pickers;
    private BorderPane root;

    public VulnerabilitiesView(VulnerabilitiesViewModel vm, ScanPickers pickers) {
        this.vm = vm;
        this.pickers = pickers;
    }

    @Override
    public Parent root() {
        root = new BorderPane();
        root.setId("scan-view");
        root.getStylesheets().add(VulnerabilitiesView.class.getResource("scan.css").toExternalForm());
        root.setTop(header());
        VBox side = new VBox(16, new DatabaseCard(vm.database(), pickers, this::window).node(), historyCard());
        side.setPrefWidth(300);
        side.setMinWidth(290);
        side.setMaxWidth(320);
        VBox.setVgrow(side.getChildren().get(1), Priority.ALWAYS);
        side.setPadding(new Insets(0, 0, 12, 16));
        root.setLeft(side);
        SplitPane split = new SplitPane(resultsPane(), new FindingDetailPane(vm).node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox center = new VBox(8, filterBar(), split, exportBar());
        BorderPane.setMargin(center, new Insets(0, 16, 12, 12));
        root.setCenter(center);
        installDragAndDrop();
        vm.database().refresh();
        vm.loadHistory();
        return root;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private Node header() {
        Label title = new Label("Vulnerabilities");
        title.getStyleClass().addAll("title-2", "view-title");
        Label target = new Label();
        target.setId("scan-target");
        target.getStyleClass().add("scan-target");
        target.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(target, Priority.ALWAYS);
        target.textProperty().bind(Bindings.createStringBinding(() -> vm.imageProperty().get() != null
                ? Character.toUpperCase(vm.imageProperty().get().describe().charAt(0))
                        + vm.imageProperty().get().describe().substring(1)
                : vm.targets().isEmpty() ? "No folder, file or image chosen — drop a folder, file or image archive here"
                : vm.targets().stream().map(Path::toString).collect(Collectors.joining(", ")),
                vm.targets(), vm.imageProperty()));
        Button folder = new Button("Folder…");
        folder.setId("scan-choose-folder");
        folder.setOnAction(e -> pickers.folder(window(), "Project folder to scan").ifPresent(p -> vm.setTargets(List.of(p))));
        Button file = new Button("File…");
        file.setId("scan-choose-file");
        file.setOnAction(e -> pickers.manifest(window()).ifPresent(p -> vm.setTargets(List.of(p))));
        MenuButton imageMenu = new MenuButton("Image");
        imageMenu.setId("scan-choose-image");
        MenuItem byRef = new MenuItem("Image from an engine…");
        byRef.setId("scan-image-reference");
        byRef.setOnAction(e -> pickers.imageReference(window(), vm.imageEngines())
                .ifPresent(r -> vm.setImage(new ImageSource(ImageSource.Kind.IMAGE, r))));
        MenuItem archive = new MenuItem("Image archive (docker save / OCI tar)…");
        archive.setId("scan-image-archive");
        archive.setOnAction(e -> pickers.imageArchive(window())
                .ifPresent(p -> vm.setImage(new ImageSource(ImageSource.Kind.ARCHIVE, p.toString()))));
        MenuItem rootfs = new MenuItem("Root file system folder…");
        rootfs.setId("scan-image-rootfs");
        rootfs.setOnAction(e -> pickers.folder(window(), "Unpacked root file system to scan")
                .ifPresent(p -> vm.setImage(new ImageSource(ImageSource.Kind.ROOTFS, p.toString()))));
        imageMenu.getItems().addAll(byRef, archive, rootfs);

        HBox backends = new HBox(12);
        backends.setAlignment(Pos.CENTER_LEFT);
        backends.getChildren().add(muted("Backends"));
        for (Map.Entry<String, BooleanProperty> b : vm.backends().entrySet()) {
            CheckBox box = new CheckBox(b.getKey());
            box.setId("scan-backend-" + b.getKey().replace('.', '-'));
            box.selectedProperty().bindBidirectional(b.getValue());
            backends.getChildren().add(box);
        }
        Button scan = new Button("Scan");
        scan.setId("scan-run");
        scan.getStyleClass().add("accent");
        scan.setDefaultButton(true);
        scan.disableProperty().bind(vm.scanningProperty().or(Bindings.isEmpty(vm.targets())
                .and(vm.imageProperty().isNull())));
        scan.setOnAction(e -> vm.scan());
        Button cancel = new Button("Cancel");
        cancel.setId("scan-cancel");
        cancel.disableProperty().bind(vm.scanningProperty().not());
        cancel.setOnAction(e -> vm.cancelScan());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        backends.getChildren().addAll(grow, scan, cancel);

        ProgressBar progress = new ProgressBar(-1);
        progress.setId("scan-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(140);
        progress.visibleProperty().bind(vm.scanningProperty());
        progress.managedProperty().bind(vm.scanningProperty());
        Label message = new Label();
        message.setId("scan-message");
        message.textProperty().bind(vm.scanMessageProperty());
        HBox status = new HBox(10, progress, message);
        status.setAlignment(Pos.CENTER_LEFT);

        Label stale = new Label();
        stale.setId("scan-stale");
        stale.getStyleClass().add("scan-stale");
        stale.setWrapText(true);
        stale.setMaxWidth(Double.MAX_VALUE);
        stale.textProperty().bind(vm.database().staleWarningProperty());
        stale.visibleProperty().bind(vm.database().staleWarningProperty().isNotNull());
        stale.managedProperty().bind(stale.visibleProperty());

        HBox targetRow = new HBox(8, muted("Scan"), target, folder, file, imageMenu, vexControls());
        targetRow.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(10, title, targetRow, backends, status, stale);
        top.setPadding(new Insets(20, 16, 12, 16));
        return top;
    }

    /** The VEX files applied to scans: a summary with the list as tooltip, add and clear. */
    private Node vexControls() {
        Label summary = new Label();
        summary.setId("scan-vex-summary");
        summary.getStyleClass().add("text-muted");
        summary.textProperty().bind(vm.vex().summary());
        summary.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip list = new Tooltip();
        list.textProperty().bind(Bindings.createStringBinding(() -> vm.vex().files().isEmpty()
                ? "not_affected / fixed statements of VEX files suppress matching findings"
                : vm.vex().files().stream().map(Path::toString).collect(Collectors.joining("\n")), vm.vex().files()));
        summary.setTooltip(list);
        Button add = new Button("VEX…");
        add.setId("scan-vex-add");
        add.setTooltip(new Tooltip("Add OpenVEX or CycloneDX VEX documents applied to every scan"));
        add.setOnAction(e -> {
            List<Path> chosen = pickers.vexFiles(window());
            if (!chosen.isEmpty()) {
                vm.vex().add(chosen);
            }
        });
        Button clear = new Button("Clear VEX");
        clear.setId("scan-vex-clear");
        clear.getStyleClass().add("flat");
        clear.disableProperty().bind(Bindings.isEmpty(vm.vex().files()));
        clear.setOnAction(e -> vm.vex().clear());
        HBox box = new HBox(6, add, summary, clear);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node filterBar() {
        ComboBox<Severity> severity = new ComboBox<>();
        severity.setId("scan-filter-severity");
        severity.getItems().addAll(null, Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);
        severity.setConverter(new StringConverter<>() {
            @Override
            public String toString(Severity s) {
                return s == null ? "All severities" : s == Severity.CRITICAL ? "Critical"
                        : s.name().charAt(0) + s.label().substring(1) + " and above";
            }

            @Override
            public Severity fromString(String text) {
                return null;
            }
        });
        severity.setButtonCell(new SeverityCell(severity.getConverter()));
        severity.setCellFactory(l -> new SeverityCell(severity.getConverter()));
        severity.valueProperty().bindBidirectional(vm.minimumSeverityProperty());

        ComboBox<String> ecosystem = new ComboBox<>();
        ecosystem.setId("scan-filter-ecosystem");
        ecosystem.setPromptText("All ecosystems");
        vm.resultEcosystems().addListener((ListChangeListener<String>) c -> {
            ecosystem.getItems().setAll(vm.resultEcosystems());
            ecosystem.getItems().addFirst(null);
        });
        ecosystem.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? "All ecosystems" : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        ecosystem.valueProperty().bindBidirectional(vm.ecosystemFilterProperty());

        TextField text = new TextField();
        text.setId("scan-filter-text");
        text.setPromptText("Filter: package, id, summary");
        text.textProperty().bindBidirectional(vm.textFilterProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        ToggleButton suppressed = new ToggleButton("Show suppressed");
        suppressed.setId("scan-show-suppressed");
        suppressed.setTooltip(new Tooltip("List findings suppressed by VEX or ignored (they never count)"));
        suppressed.selectedProperty().bindBidirectional(vm.vex().showSuppressedProperty());
        suppressed.setMinWidth(Region.USE_PREF_SIZE);
        ToggleButton group = new ToggleButton("Group by package");
        group.setId("scan-group");
        group.selectedProperty().bindBidirectional(vm.groupedProperty());
        Label count = new Label();
        count.setId("scan-count");
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.visibleFindings().size() + " of "
                + vm.findings().size(), vm.visibleFindings(), vm.findings()));
        severity.setMinWidth(Region.USE_PREF_SIZE);
        ecosystem.setMinWidth(Region.USE_PREF_SIZE);
        group.setMinWidth(Region.USE_PREF_SIZE);
        count.setMinWidth(Region.USE_PREF_SIZE);
        HBox filters = new HBox(8, severity, ecosystem, text, suppressed, group, count);
        filters.setAlignment(Pos.CENTER_LEFT);
        return filters;
    }

    private Node resultsPane() {
        return new ResultsTable(vm).node();
    }

    private Node exportBar() {
        HBox exports = new HBox(6, muted("Export"));
        exports.setAlignment(Pos.CENTER_LEFT);
        for (ReportFormat f : ReportFormat.values()) {
            Button b = new Button(switch (f) {
                case CYCLONEDX -> "CycloneDX";
                case MARKDOWN -> "Markdown";
                case TABLE -> "Text";
                default -> f.name();
            });
            b.setId("scan-export-" + f.name().toLowerCase(Locale.ROOT));
            b.getStyleClass().add("small");
            b.disableProperty().bind(vm.reportProperty().isNull());
            b.setOnAction(e -> pickers.folder(window(), "Export " + f.fileName() + " into").ifPresent(d -> vm.export(f, d)));
            exports.getChildren().add(b);
        }
        Button vex = new Button("Export VEX…");
        vex.setId("scan-export-vex");
        vex.getStyleClass().add("small");
        vex.setTooltip(new Tooltip("Ignore-file entries and VEX-suppressed findings as an OpenVEX document"));
        vex.disableProperty().bind(vm.reportProperty().isNull());
        vex.setOnAction(e -> pickers.vexTarget(window()).ifPresent(vm::exportVex));
        TextField author = new TextField();
        author.setId("scan-vex-author");
        author.setPromptText("VEX author");
        author.setPrefColumnCount(10);
        author.setTooltip(new Tooltip("Author written into exported OpenVEX documents (kept in the settings)"));
        author.textProperty().bindBidirectional(vm.vex().authorProperty());
        exports.getChildren().addAll(vex, muted("by"), author);
        Label action = new Label();
        action.setId("scan-action-message");
        action.getStyleClass().add("text-muted");
        action.setWrapText(true);
        action.textProperty().bind(vm.actionMessageProperty());
        HBox.setHgrow(action, Priority.ALWAYS);
        exports.getChildren().add(action);
        return exports;
    }

    private Node historyCard() {
        Label title = new Label("Recent scans");
        title.getStyleClass().add("title-4");
        ListView<ScanHistory.Entry> list = new ListView<>(vm.history());
        list.setId("scan-history");
        Label none = muted("No scans yet. The last " + ScanHistory.LIMIT + " scans are kept here.");
        none.setWrapText(true);
        list.setPlaceholder(none);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ScanHistory.Entry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : VulnerabilitiesViewModel.historyLabel(e, ZoneId.systemDefault()));
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                vm.openHistory(list.getSelectionModel().getSelectedItem());
            }
        });
        Button open = new Button("Open");
        open.setId("scan-history-open");
        open.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> vm.openHistory(list.getSelectionModel().getSelectedItem()));
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox card = new VBox(8, title, list, open);
        card.getStyleClass().add("scan-card");
        return card;
    }

    private void installDragAndDrop() {
        root.setOnDragOver((DragEvent e) -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            }
            e.consume();
        });
        root.setOnDragDropped((DragEvent e) -> {
            boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (ok) {
                vm.drop(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        return l;
    }

    private static final class SeverityCell extends ListCell<Severity> {
        private final StringConverter<Severity> converter;

        SeverityCell(StringConverter<Severity> converter) {
            this.converter = converter;
        }

        @Override
        protected void updateItem(Severity s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty ? converter.toString(null) : converter.toString(s));
        }
    }
}
