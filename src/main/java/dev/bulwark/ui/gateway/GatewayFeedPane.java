package dev.bulwark.ui.gateway;

import atlantafx.base.theme.Styles;
import dev.bulwark.gateway.Channels;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Gateway view's live feed: filter, channel, pause and clear over the messages table, and the selected
 * message's JSON beside it. Wires nodes to {@link GatewayViewModel#feed()}; part of {@link GatewayView}.
 */
final class GatewayFeedPane {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final String ALL_CHANNELS = "All channels";

    private GatewayFeedPane() {
    }

    static Node build(GatewayViewModel vm) {
        TextField filter = new TextField();
        filter.setId("gateway-filter");
        filter.setPromptText("Filter: channel, type or summary");
        filter.setPrefWidth(280);
        filter.textProperty().bindBidirectional(vm.feed().filterTextProperty());
        ComboBox<String> channel = new ComboBox<>();
        channel.setId("gateway-channel-filter");
        List<String> items = new ArrayList<>();
        items.add(ALL_CHANNELS);
        items.addAll(Channels.ALL);
        channel.getItems().setAll(items);
        channel.setValue(vm.feed().channelFilterProperty().get() == null ? ALL_CHANNELS : vm.feed().channelFilterProperty().get());
        channel.valueProperty().addListener((o, a, b) ->
                vm.feed().channelFilterProperty().set(b == null || b.equals(ALL_CHANNELS) ? null : b));
        ToggleButton pause = new ToggleButton();
        pause.setId("gateway-pause");
        pause.selectedProperty().bindBidirectional(vm.feed().pausedProperty());
        pause.textProperty().bind(Bindings.createStringBinding(() -> vm.feed().pausedProperty().get()
                        ? "Resume (" + vm.feed().heldCountProperty().get() + " new)" : "Pause",
                vm.feed().pausedProperty(), vm.feed().heldCountProperty()));
        pause.graphicProperty().bind(Bindings.createObjectBinding(() -> new FontIcon(vm.feed().pausedProperty().get()
                ? Material2MZ.PLAY_ARROW : Material2MZ.PAUSE), vm.feed().pausedProperty()));
        Button clear = new Button("Clear", new FontIcon(Material2AL.CLEAR_ALL));
        clear.setId("gateway-clear");
        clear.setOnAction(e -> vm.feed().clear());
        Label count = GatewayView.muted("");
        count.setId("gateway-feed-count");
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.feed().visibleRows().size() == vm.feed().rows().size()
                        ? GatewayView.plural(vm.feed().rows().size(), "message") + " (last " + String.format(Locale.US, "%,d",
                        GatewayFeed.LIMIT) + " kept)"
                        : vm.feed().visibleRows().size() + " of " + GatewayView.plural(vm.feed().rows().size(), "message"),
                vm.feed().visibleRows(), vm.feed().rows()));
        Label heading = new Label("Live feed");
        heading.getStyleClass().add(Styles.TITLE_4);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, heading, filter, channel, pause, clear, gap, count);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<FeedRow> table = new TableView<>(vm.feed().visibleRows());
        table.setId("gateway-feed");
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setFixedCellSize(26); // one line per message; also spares 5,000 rows a height pass each
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Time", 92, r -> TIME.format(r.receivedAt()) + (r.recovered() ? " ↺" : "")));
        table.getColumns().add(column("Channel", 176, FeedRow::channel));
        table.getColumns().add(column("Type", 150, FeedRow::type));
        TableColumn<FeedRow, String> summary = column("Summary", 500, FeedRow::summary);
        summary.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeIf(x -> x.startsWith("sev-"));
                FeedRow r = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : s);
                setTooltip(empty || s == null ? null : new Tooltip(s));
                if (r != null && r.frame().dataText("severity") != null) {
                    getStyleClass().add("sev-" + r.frame().dataText("severity").strip().toLowerCase(Locale.ROOT));
                }
            }
        });
        table.getColumns().add(summary);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(FeedRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("recovered"),
                        !empty && r != null && r.recovered());
                setTooltip(!empty && r != null && r.recovered()
                        ? new Tooltip("Missed while disconnected and replayed after the reconnect") : null);
            }
        });
        Label empty = new Label();
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        empty.textProperty().bind(Bindings.createStringBinding(() -> vm.feed().rows().isEmpty()
                        ? (vm.activeProperty().get() ? "No message yet on the chosen channels."
                        : "Not connected: messages on the chosen channels appear here once connected.")
                        : "No message matches the filter.",
                vm.feed().rows(), vm.activeProperty()));
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.feed().selectedProperty().set(b));

        TextArea detail = new TextArea();
        detail.setId("gateway-detail");
        detail.setEditable(false);
        detail.setWrapText(true); // long values (messages, URLs) stay readable without scrolling sideways
        detail.getStyleClass().add("monospace");
        detail.setPromptText("Select a message to see its JSON.");
        detail.textProperty().bind(vm.feed().detailProperty());
        Label detailHeading = new Label("Message");
        detailHeading.getStyleClass().add(Styles.TEXT_BOLD);
        VBox detailBox = new VBox(4, detailHeading, detail);
        VBox.setVgrow(detail, Priority.ALWAYS);

        SplitPane split = new SplitPane(table, detailBox);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.7);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(8, bar, split);
        box.setMinHeight(220);
        box.getStyleClass().add("gateway-feed-box");
        return box;
    }

    private static TableColumn<FeedRow, String> column(String title, double width, Function<FeedRow, String> value) {
        TableColumn<FeedRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(width < 200 ? width : 150); // times and channel names stay readable; the summary gives way
        c.setSortable(false); // the feed is newest first; sorting would make new messages jump around
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }
}
