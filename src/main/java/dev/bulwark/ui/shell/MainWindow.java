package dev.bulwark.ui.shell;

import dev.bulwark.settings.Settings;
import dev.bulwark.settings.Settings.Theme;
import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.ViewId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The main window: navigation rail, notice banners, the current view and the status bar. Only wires
 * nodes to {@link MainViewModel}; views are built the first time they are selected.
 */
public final class MainWindow {
    private static final double DEFAULT_WIDTH = 1280;
    private static final double DEFAULT_HEIGHT = 800;

    private final MainViewModel vm;
    private final Map<ViewId, Supplier<FeatureView>> factories;
    private final Map<ViewId, Parent> built = new EnumMap<>(ViewId.class);
    private final Map<ViewId, ToggleButton> railButtons = new EnumMap<>(ViewId.class);
    private final StackPane content = new StackPane();
    private final VBox notices = new VBox();
    private final String version;
    private final AboutModel about;

    public MainWindow(MainViewModel vm, Map<ViewId, Supplier<FeatureView>> factories, String version) {
        this(vm, factories, AboutModel.load(), version);
    }

    /** @param about what Help › About shows (this build's version, licences and data attribution) */
    public MainWindow(MainViewModel vm, Map<ViewId, Supplier<FeatureView>> factories, AboutModel about,
                      String version) {
        this.vm = Objects.requireNonNull(vm);
        this.factories = Map.copyOf(factories);
        this.about = Objects.requireNonNull(about);
        this.version = version;
    }

    /** Puts the window into {@code stage}, restoring its last bounds, and shows nothing yet. */
    public void install(Stage stage) {
        BorderPane root = new BorderPane();
        root.setId("main-root");
        root.getStyleClass().add("bulwark-root");
        root.setLeft(rail());
        notices.setId("notices");
        VBox center = new VBox(notices, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        content.setId("content");
        root.setCenter(center);
        root.setBottom(statusBar());

        Scene scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(
                MainWindow.class.getResource("/dev/bulwark/ui/bulwark.css")).toExternalForm());
        for (ViewId v : ViewId.values()) {
            KeyCode digit = KeyCode.valueOf("DIGIT" + v.shortcutDigit());
            KeyCode numpad = KeyCode.valueOf("NUMPAD" + v.shortcutDigit());
            scene.getAccelerators().put(new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN), () -> vm.select(v));
            scene.getAccelerators().put(new KeyCodeCombination(numpad, KeyCombination.SHORTCUT_DOWN), () -> vm.select(v));
        }
        stage.setScene(scene);
        stage.setTitle("Bulwark");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            var url = MainWindow.class.getResource("/dev/bulwark/icons/bulwark-" + size + ".png");
            if (url != null) {
                stage.getIcons().add(new Image(url.toExternalForm()));
            }
        }
        restoreBounds(stage, vm.savedWindow());
        stage.setOnHiding(e -> {
            if (stage.getWidth() > 0 && stage.getHeight() > 0) {
                vm.windowClosing(boundsOf(stage));
            }
        });

        vm.selectedProperty().addListener((obs, old, now) -> show(now));
        show(vm.selectedProperty().get());
        vm.notices().addListener((ListChangeListener<String>) c -> renderNotices());
        renderNotices();
    }

    private Node rail() {
        VBox rail = new VBox();
        rail.setId("nav-rail");
        rail.getStyleClass().add("nav-rail");
        ToggleGroup group = new ToggleGroup();
        for (ViewId v : ViewId.values()) {
            ToggleButton b = new ToggleButton(v.title(), new FontIcon(v.icon()));
            b.setId("nav-" + v.id());
            b.getStyleClass().add("nav-item");
            b.setContentDisplay(ContentDisplay.TOP);
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setTooltip(new Tooltip(v.title() + "  (Ctrl+" + v.shortcutDigit() + ")"));
            b.setOnAction(e -> {
                vm.select(v);
                b.setSelected(true);
            });
            railButtons.put(v, b);
            rail.getChildren().add(b);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button theme = new Button();
        theme.setId("theme-toggle");
        theme.getStyleClass().addAll("nav-item", "flat");
        theme.setMaxWidth(Double.MAX_VALUE);
        theme.setContentDisplay(ContentDisplay.TOP);
        theme.setOnAction(e -> vm.toggleTheme());
        Runnable syncTheme = () -> {
            boolean dark = vm.themeProperty().get() == Theme.DARK;
            theme.setGraphic(new FontIcon(dark ? Material2MZ.WB_SUNNY : Material2MZ.NIGHTS_STAY));
            theme.setText(dark ? "Light" : "Dark");
            theme.setTooltip(new Tooltip(dark ? "Switch to the light theme" : "Switch to the dark theme"));
        };
        vm.themeProperty().addListener((o, a, b) -> syncTheme.run());
        syncTheme.run();
        Button aboutButton = new Button("About", new FontIcon(Material2AL.INFO));
        aboutButton.setId("about-open");
        aboutButton.getStyleClass().addAll("nav-item", "flat");
        aboutButton.setMaxWidth(Double.MAX_VALUE);
        aboutButton.setContentDisplay(ContentDisplay.TOP);
        aboutButton.setTooltip(new Tooltip("Version, build, licences and data attribution"));
        aboutButton.setOnAction(e -> showAbout(aboutButton.getScene().getWindow()));
        rail.getChildren().addAll(spacer, aboutButton, theme);
        return rail;
    }

    private Node statusBar() {
        Label docker = statusLabel("status-docker", Material2AL.LAYERS, vm.dockerStatusProperty());
        Label gateway = statusLabel("status-gateway", Material2MZ.SWAP_HORIZ, vm.gatewayStatusProperty());
        Label advisories = statusLabel("status-advisories", Material2MZ.SECURITY, vm.advisoryStatusProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label ver = new Label("Bulwark " + version);
        ver.getStyleClass().add("status-version");
        HBox bar = new HBox(14, docker, new Separator(javafx.geometry.Orientation.VERTICAL), gateway,
                new Separator(javafx.geometry.Orientation.VERTICAL), advisories, grow, ver);
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Label statusLabel(String id, org.kordamp.ikonli.Ikon icon, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.setGraphic(new FontIcon(icon));
        l.textProperty().bind(text);
        return l;
    }

    private void show(ViewId view) {
        Parent node = built.computeIfAbsent(view, v -> {
            Parent p = factories.get(v).get().root();
            p.setId("view-" + v.id());
            return p;
        });
        content.getChildren().setAll(node);
        ToggleButton b = railButtons.get(view);
        if (b != null) {
            b.setSelected(true);
        }
    }

    /** Opens About over {@code owner}; returns once it is shown (not modal to the caller's code). */
    public void showAbout(javafx.stage.Window owner) {
        AboutDialog.create(about, owner).show();
    }

    /** Which views have been built so far (lazy construction is observable in tests). */
    public boolean isBuilt(ViewId view) {
        return built.containsKey(view);
    }

    private void renderNotices() {
        notices.getChildren().clear();
        for (String text : vm.notices()) {
            Label msg = new Label(text, new FontIcon(Material2AL.INFO));
            msg.setWrapText(true);
            msg.getStyleClass().add("notice-text");
            HBox.setHgrow(msg, Priority.ALWAYS);
            msg.setMaxWidth(Double.MAX_VALUE);
            Button dismiss = new Button("Dismiss");
            dismiss.getStyleClass().add("flat");
            dismiss.setOnAction(e -> vm.dismiss(text));
            HBox banner = new HBox(10, msg, dismiss);
            banner.getStyleClass().add("notice");
            banner.setAlignment(Pos.CENTER_LEFT);
            notices.getChildren().add(banner);
        }
    }

    private static void restoreBounds(Stage stage, Settings.WindowBounds b) {
        if (b == null) {
            stage.setWidth(DEFAULT_WIDTH);
            stage.setHeight(DEFAULT_HEIGHT);
            stage.centerOnScreen();
            return;
        }
        // Only restore a position that is still on a connected screen (monitors get unplugged).
        boolean visible = !Screen.getScreensForRectangle(new Rectangle2D(b.x(), b.y(), b.width(), b.height())).isEmpty();
        stage.setWidth(b.width());
        stage.setHeight(b.height());
        if (visible) {
            stage.setX(b.x());
            stage.setY(b.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(b.maximized());
    }

    private static Settings.WindowBounds boundsOf(Stage stage) {
        return new Settings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized());
    }
}
