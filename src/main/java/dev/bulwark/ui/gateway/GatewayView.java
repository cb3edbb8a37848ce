package dev.bulwark.ui.gateway;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.bulwark.gateway.Channels;
import dev.bulwark.ui.FeatureView;
import dev.bulwark.ui.ViewId;
import java.io.File;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Gateway view: the connection form and its state, the channels with their acknowledgements, forwarding, and the
 * live feed with the selected message's JSON. Wires nodes to {@link GatewayViewModel}; holds no state of its own.
 */
public final class GatewayView implements FeatureView {
    private final GatewayViewModel vm;

    public GatewayView(GatewayViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @Override
    public Parent root() {
        Label title = new Label(ViewId.GATEWAY.title(), new FontIcon(ViewId.GATEWAY.icon()));
        title.getStyleClass().addAll(Styles.TITLE_2, "view-title");
        Label lead = new Label("The MAXIMUS real-time gateway: live messages on the channels you pick, and Bulwark's "
                + "own alerts forwarded to it.");
        lead.getStyleClass().add(Styles.TEXT_MUTED);

        HBox top = new HBox(16, connectionCard(), statusCard());
        HBox.setHgrow(top.getChildren().get(0), Priority.ALWAYS);
        HBox.setHgrow(top.getChildren().get(1), Priority.ALWAYS);
        top.getChildren().forEach(n -> ((Region) n).setPrefWidth(560));

        Node feed = GatewayFeedPane.build(vm);
        VBox.setVgrow(feed, Priority.ALWAYS);
        VBox box = new VBox(12, new VBox(2, title, lead), top, feed);
        box.setPadding(new Insets(16, 20, 16, 20));
        box.getStyleClass().add("gateway-view");
        box.getStylesheets().add(Objects.requireNonNull(
                GatewayView.class.getResource("/dev/bulwark/ui/gateway/gateway.css")).toExternalForm());
        return box;
    }

    // ---- connection

    private Node connectionCard() {
        TextField url = new TextField();
        url.setId("gateway-url");
        url.setPromptText("ws://host:port");
        url.textProperty().bindBidirectional(vm.urlProperty());

        Label clientId = new Label();
        clientId.setId("gateway-client-id");
        clientId.getStyleClass().add("monospace");
        clientId.textProperty().bind(vm.clientIdProperty());

        PasswordField token = new PasswordField();
        token.setId("gateway-token");
        token.setPromptText("bearer token");
        token.setTooltip(new Tooltip("Saved in its own file readable by you only, never in settings.json; "
                + "read again at every connect."));
        token.textProperty().bindBidirectional(vm.tokenInputProperty());
        Button saveToken = small("Save", "gateway-token-save", vm::saveToken);
        saveToken.disableProperty().bind(vm.tokenInputProperty().isEmpty());
        Button clearToken = small("Remove", "gateway-token-clear", vm::clearToken);
        clearToken.disableProperty().bind(vm.tokenSavedProperty().not());
        Label tokenState = new Label();
        tokenState.setId("gateway-token-state");
        tokenState.setMinWidth(Region.USE_PREF_SIZE);
        tokenState.textProperty().bind(vm.tokenStateProperty());
        tokenState.getStyleClass().add("gateway-token-state");
        HBox tokenRow = new HBox(6, token, saveToken, clearToken, tokenState);
        tokenRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(token, Priority.ALWAYS);

        TextField ca = new TextField();
        ca.setId("gateway-ca");
        ca.setPromptText("optional: PEM file to trust for wss://");
        ca.textProperty().bindBidirectional(vm.caFileProperty());
        Button chooseCa = small("Choose…", "gateway-ca-choose", () -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("CA certificates (PEM)");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PEM certificates", "*.pem", "*.crt"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = fc.showOpenDialog(ca.getScene() == null ? null : ca.getScene().getWindow());
            if (f != null) {
                vm.caFileProperty().set(f.getAbsolutePath());
            }
        });
        HBox caRow = new HBox(6, ca, chooseCa);
        HBox.setHgrow(ca, Priority.ALWAYS);

        Spinner<Integer> heartbeat = new Spinner<>(1, 3600, vm.heartbeatSecondsProperty().get());
        heartbeat.setId("gateway-heartbeat");
        heartbeat.setEditable(true);
        heartbeat.setPrefWidth(96);
        heartbeat.getValueFactory().valueProperty().bindBidirectional(vm.heartbeatSecondsProperty());
        Label hbHint = muted("seconds between pings");
        hbHint.setTooltip(new Tooltip("No pong for two intervals drops the connection and reconnects."));
        HBox hbRow = new HBox(8, heartbeat, hbHint);
        hbRow.setAlignment(Pos.CENTER_LEFT);

        GridPane form = new GridPane(10, 8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        form.addRow(0, formLabel("URL"), url);
        form.addRow(1, formLabel("Client id"), clientId);
        form.addRow(2, formLabel("Token"), tokenRow);
        form.addRow(3, formLabel("CA file"), caRow);
        form.addRow(4, formLabel("Heartbeat"), hbRow);

        Button connect = new Button("Connect", new FontIcon(Material2MZ.PLAY_ARROW));
        connect.setId("gateway-connect");
        connect.getStyleClass().add(Styles.ACCENT);
        connect.setDefaultButton(true);
        connect.textProperty().bind(Bindings.when(vm.activeProperty()).then("Apply and reconnect").otherwise("Connect"));
        connect.disableProperty().bind(vm.busyProperty());
        connect.setOnAction(e -> vm.connect());
        Button disconnect = new Button("Disconnect", new FontIcon(Material2MZ.STOP));
        disconnect.setId("gateway-disconnect");
        disconnect.disableProperty().bind(vm.activeProperty().not().or(vm.busyProperty()));
        disconnect.setOnAction(e -> vm.disconnect());
        Button now = new Button("Reconnect now", new FontIcon(Material2MZ.REFRESH));
        now.setId("gateway-reconnect-now");
        now.visibleProperty().bind(vm.status().countdownProperty());
        now.managedProperty().bind(now.visibleProperty());
        now.setOnAction(e -> vm.reconnectNow());
        HBox buttons = new HBox(8, connect, disconnect, now);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("gateway-form-message");
        message.setWrapText(true);
        message.getStyleClass().add("gateway-form-message");
        message.textProperty().bind(vm.formMessageProperty());
        collapseWhenEmpty(message);

        VBox body = new VBox(10, form, buttons, message, forwarding());
        return card("Connection", Material2MZ.SETTINGS_ETHERNET, "gateway-connection-card", body);
    }

    private Node forwarding() {
        Label heading = new Label("Forward Bulwark's events");
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        TextField target = new TextField();
        target.setId("gateway-forward-target");
        target.setPromptText("none · gateway · http(s)://host:port · redis://host:port");
        target.textProperty().bindBidirectional(vm.forwarding().targetProperty());
        target.setTooltip(new Tooltip("none: off. gateway: the connected gateway (queued while offline). "
                + "An http(s):// gateway (POST /publish) or a redis:// URI: sent there directly."));
        CheckBox health = new CheckBox("Container alerts");
        health.setId("gateway-forward-health");
        health.selectedProperty().bindBidirectional(vm.forwarding().containerHealthProperty());
        CheckBox scans = new CheckBox("Scan findings ≥ high");
        scans.setId("gateway-forward-scans");
        scans.selectedProperty().bindBidirectional(vm.forwarding().scanFindingsProperty());
        Button apply = small("Apply", "gateway-forward-apply", vm.forwarding()::apply);
        HBox row = new HBox(10, target, health, scans, apply);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(target, Priority.ALWAYS);
        Label message = muted("");
        message.setId("gateway-forward-message");
        message.textProperty().bind(vm.forwarding().messageProperty());
        collapseWhenEmpty(message);
        VBox box = new VBox(6, heading, row, message);
        box.getStyleClass().add("gateway-forwarding");
        return box;
    }

    // ---- status, counters, channels

    private Node statusCard() {
        Label dot = new Label("●");
        dot.getStyleClass().add("gateway-dot");
        Label status = new Label();
        status.setId("gateway-status");
        status.setWrapText(true);
        status.getStyleClass().add("gateway-status");
        status.textProperty().bind(vm.status().statusLineProperty());
        vm.status().statusKindProperty().addListener((o, a, b) -> kindClass(dot, b));
        kindClass(dot, vm.status().statusKindProperty().get());
        HBox line = new HBox(8, dot, status);
        line.setAlignment(Pos.CENTER_LEFT);

        Label serverError = new Label();
        serverError.setId("gateway-server-error");
        serverError.setWrapText(true);
        serverError.getStyleClass().add("gateway-server-error");
        serverError.textProperty().bind(vm.status().serverErrorProperty());
        collapseWhenEmpty(serverError);

        HBox counters = new HBox(8,
                counter("Received", "gateway-count-received", vm.status().receivedProperty()),
                counter("Recovered", "gateway-count-recovered", vm.status().recoveredProperty()),
                counter("Dropped", "gateway-count-dropped", vm.status().droppedProperty()),
                counter("Queued", "gateway-count-queued", vm.status().queuedProperty()));

        Label channelsHeading = new Label("Channels");
        channelsHeading.getStyleClass().add(Styles.TEXT_BOLD);
        GridPane channels = new GridPane(12, 4);
        channels.setId("gateway-channels");
        int row = 0;
        for (ChannelToggle t : vm.channels()) {
            ToggleSwitch sw = new ToggleSwitch();
            String key = t.channel().replace("maximus:", "");
            sw.setId("gateway-channel-" + key);
            sw.selectedProperty().bindBidirectional(t.wantedProperty());
            Label name = new Label(t.channel());
            name.getStyleClass().add("monospace");
            Label ack = new Label();
            ack.setId("gateway-ack-" + key);
            ack.textProperty().bind(t.ackProperty());
            t.stateProperty().addListener((o, a, b) -> ackClass(ack, b));
            ackClass(ack, t.stateProperty().get());
            channels.addRow(row++, sw, name, ack);
        }
        VBox body = new VBox(10, line, serverError, counters, channelsHeading, channels);
        return card("Status", Material2MZ.SWAP_HORIZ, "gateway-status-card", body);
    }

    private static void kindClass(Node n, GatewayStatusModel.StatusKind kind) {
        n.getStyleClass().removeIf(c -> c.startsWith("kind-"));
        n.getStyleClass().add("kind-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static void ackClass(Label l, ChannelToggle.State s) {
        l.getStyleClass().removeIf(c -> c.startsWith("ack-"));
        l.getStyleClass().add("ack-" + s.name().toLowerCase(Locale.ROOT));
    }

    private static Node counter(String caption, String id, ObservableValue<Number> value) {
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("gateway-counter-value");
        v.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.US, "%,d", value.getValue().longValue()), value));
        Label c = new Label(caption);
        c.getStyleClass().add("gateway-counter-caption");
        VBox tile = new VBox(0, v, c);
        tile.getStyleClass().add("gateway-counter");
        HBox.setHgrow(tile, Priority.ALWAYS);
        tile.setMaxWidth(Double.MAX_VALUE);
        return tile;
    }

    // ---- helpers

    private static Node card(String title, org.kordamp.ikonli.Ikon icon, String id, Node body) {
        FontIcon i = new FontIcon(icon);
        i.getStyleClass().add("gateway-card-icon");
        Label heading = new Label(title, i);
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox card = new VBox(10, heading, body);
        card.setId(id);
        card.getStyleClass().add("gateway-card");
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    private static Label formLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("gateway-form-label");
        return l;
    }

    static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private static Button small(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static void collapseWhenEmpty(Label l) {
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
    }

    static String plural(int n, String word) {
        return String.format(Locale.US, "%,d", n) + " " + word + (n == 1 ? "" : "s");
    }
}
