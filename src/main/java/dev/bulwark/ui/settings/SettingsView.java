package dev.bulwark.ui.settings;

import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.ui.FeatureView;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Settings: appearance, advisory database staleness, and the directories Bulwark uses. */
public final class SettingsView implements FeatureView {
    private final SettingsViewModel vm;
    private final DockerSettingsViewModel docker;

    public SettingsView(SettingsViewModel vm) {
        this(vm, null);
    }

    /** @param docker the container engines and alert thresholds section, or null to leave it out */
    public SettingsView(SettingsViewModel vm, DockerSettingsViewModel docker) {
        this.vm = vm;
        this.docker = docker;
    }

    @Override
    public Parent root() {
        Label title = new Label("Settings");
        title.getStyleClass().addAll("title-2", "view-title");

        ToggleGroup themes = new ToggleGroup();
        RadioButton dark = new RadioButton("Dark");
        dark.setId("settings-theme-dark");
        RadioButton light = new RadioButton("Light");
        light.setId("settings-theme-light");
        dark.setToggleGroup(themes);
        light.setToggleGroup(themes);
        Runnable sync = () -> themes.selectToggle(vm.themeProperty().get() == Theme.LIGHT ? light : dark);
        vm.themeProperty().addListener((o, a, b) -> sync.run());
        sync.run();
        dark.setOnAction(e -> vm.setTheme(Theme.DARK));
        light.setOnAction(e -> vm.setTheme(Theme.LIGHT));

        Spinner<Integer> stale = new Spinner<>(1, 365, vm.advisoryStaleDaysProperty().get());
        stale.setId("settings-stale-days");
        stale.setEditable(true);
        stale.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.advisoryStaleDaysProperty().set(b);
            }
        });

        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(12);
        int row = 0;
        grid.addRow(row++, section("Appearance"));
        grid.addRow(row++, new Label("Theme"), new HBox(12, dark, light));
        grid.addRow(row++, section("Vulnerability database"));
        grid.addRow(row++, new Label("Warn when older than (days)"), stale);
        if (docker != null) {
            row = DockerSettingsSection.addTo(grid, row, docker);
        }
        grid.addRow(row++, section("Files"));
        grid.addRow(row++, new Label("Settings"), folderRow("config", vm.configDir(), vm::openConfigDir));
        grid.addRow(row++, new Label("Data"), folderRow("data", vm.dataDir(), vm::openDataDir));
        grid.addRow(row++, new Label("Logs"), folderRow("logs", vm.logDir(), vm::openLogDir));
        grid.addRow(row++, new Label("Image ignores"), folderRow("image-ignore", vm.imageIgnoreFile(),
                vm::openImageIgnoreDir));
        Label folderMessage = new Label();
        folderMessage.setId("settings-folder-message");
        folderMessage.setWrapText(true);
        folderMessage.textProperty().bind(vm.folderMessageProperty());
        folderMessage.visibleProperty().bind(folderMessage.textProperty().isNotEmpty());
        folderMessage.managedProperty().bind(folderMessage.visibleProperty());
        grid.add(folderMessage, 1, row);

        VBox box = new VBox(18, title, grid);
        box.setPadding(new Insets(28, 36, 28, 36));
        box.setAlignment(Pos.TOP_LEFT);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("title-4", "settings-section");
        return l;
    }

    private static HBox folderRow(String id, String path, Runnable open) {
        TextField f = pathField(path);
        f.setId("settings-dir-" + id);
        Button b = new Button("Open");
        b.setId("settings-open-" + id);
        b.setOnAction(e -> open.run());
        HBox row = new HBox(8, f, b);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static TextField pathField(String path) {
        TextField f = new TextField(path);
        f.setEditable(false);
        f.setPrefColumnCount(48);
        HBox.setHgrow(f, Priority.ALWAYS);
        return f;
    }
}
