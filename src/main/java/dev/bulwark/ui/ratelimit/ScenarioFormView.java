package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.Refill;
import dev.bulwark.ratelimit.sim.SimulationMode;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The scenario form: scenario fields, client groups, costs and the limiters to compare; errors by each field. */
final class ScenarioFormView {
    private final ScenarioForm form;

    ScenarioFormView(ScenarioForm form) {
        this.form = form;
    }

    Node build() {
        GridPane scenario = grid();
        int row = 0;
        row = field(scenario, row, "Name", text("ratelimit-name", form.nameProperty(), "scenario name", 14),
                form.nameErrorProperty());
        row = field(scenario, row, "Duration", text("ratelimit-duration", form.durationProperty(), "60s, 500ms, 2m", 8),
                form.durationErrorProperty());
        row = field(scenario, row, "Seed", text("ratelimit-seed", form.seedProperty(), "integer", 8),
                form.seedErrorProperty());
        ComboBox<SimulationMode> mode = new ComboBox<>();
        mode.setId("ratelimit-mode");
        mode.getItems().setAll(SimulationMode.values());
        mode.setConverter(converter(m -> m == SimulationMode.VIRTUAL ? "Virtual time (deterministic, fast)"
                : "Real time (live charts)"));
        mode.valueProperty().bindBidirectional(form.modeProperty());
        row = field(scenario, row, "Mode", mode, null);
        ComboBox<String> store = new ComboBox<>();
        store.setId("ratelimit-store");
        store.getItems().setAll("Memory", "Redis");
        store.setValue(form.useRedisProperty().get() ? "Redis" : "Memory");
        store.setMinWidth(Region.USE_PREF_SIZE);
        store.valueProperty().addListener((o, a, b) -> form.useRedisProperty().set("Redis".equals(b)));
        form.useRedisProperty().addListener((o, a, b) -> store.setValue(b ? "Redis" : "Memory"));
        TextField uri = text("ratelimit-redis-uri", form.redisUriProperty(), "redis://127.0.0.1:6379", 16);
        uri.disableProperty().bind(form.useRedisProperty().not());
        HBox storeBox = new HBox(8, store, uri);
        HBox.setHgrow(uri, Priority.ALWAYS);
        field(scenario, row, "Store", storeBox, form.storeErrorProperty());

        GridPane costs = grid();
        row = field(costs, 0, "Default cost", text("ratelimit-default-cost", form.defaultCostProperty(), "1", 4), null);
        field(costs, row, "Rules", text("ratelimit-cost-rules", form.costRulesProperty(),
                "export=10, /api/export=10", 16), form.costsErrorProperty());

        VBox clients = rows(form.clients(), this::clientCard);
        VBox limiters = rows(form.limiters(), this::limiterCard);
        Button addClient = addButton("Add client group", "ratelimit-add-client");
        addClient.setOnAction(e -> form.addClient());
        Button addLimiter = addButton("Add limiter", "ratelimit-add-limiter");
        addLimiter.setOnAction(e -> form.addLimiter());

        VBox box = new VBox(10,
                section("Scenario"), scenario,
                section("Client groups"), hint("Traffic: constant|poisson rate=R · onoff rate=R on=2s off=8s ·"
                        + " ramp from=A to=B · spike rate=R peak=P at=30s length=5s · replay file=F keyBy=ip"),
                clients, error(form.clientsErrorProperty()), addClient,
                section("Costs"), costs,
                section("Limiters to compare"), limiters, error(form.limitersErrorProperty()), addLimiter);
        box.getStyleClass().add("rl-form");
        return box;
    }

    private <T> VBox rows(ObservableList<T> items, java.util.function.BiFunction<T, Integer, Node> card) {
        VBox box = new VBox(8);
        Runnable rebuild = () -> {
            box.getChildren().clear();
            for (int i = 0; i < items.size(); i++) {
                box.getChildren().add(card.apply(items.get(i), i));
            }
        };
        items.addListener((ListChangeListener<T>) c -> rebuild.run());
        rebuild.run();
        return box;
    }

    private Node clientCard(ClientRow r, int i) {
        GridPane g = grid();
        g.addRow(0, small("Name"), text("ratelimit-client-name-" + i, r.nameProperty(), "users", 8),
                small("Count"), text("ratelimit-client-count-" + i, r.countProperty(), "1", 4));
        g.addRow(1, small("Key"), text("ratelimit-client-key-" + i, r.keyProperty(), "per-client | shared | groups:N", 8),
                small("Ops"), text("ratelimit-client-ops-" + i, r.operationsProperty(), "read=9, export=1", 8));
        TextField traffic = text("ratelimit-client-traffic-" + i, r.trafficProperty(), "poisson rate=2", 20);
        g.add(small("Traffic"), 0, 2);
        g.add(traffic, 1, 2, 3, 1);
        Button remove = removeButton("ratelimit-client-remove-" + i, "Remove this client group");
        remove.setOnAction(e -> form.clients().remove(r));
        return card(g, remove, r.errorProperty(), "ratelimit-client-error-" + i);
    }

    private Node limiterCard(LimiterRow r, int i) {
        GridPane g = grid();
        ComboBox<Algorithm> strategy = new ComboBox<>();
        strategy.setId("ratelimit-limiter-strategy-" + i);
        strategy.getItems().setAll(Algorithm.values());
        strategy.setConverter(converter(Algorithm::id));
        strategy.valueProperty().bindBidirectional(r.strategyProperty());
        ComboBox<Refill> refill = new ComboBox<>();
        refill.setId("ratelimit-limiter-refill-" + i);
        refill.getItems().setAll(Refill.values());
        refill.setConverter(converter(x -> x.name().toLowerCase(java.util.Locale.ROOT)));
        refill.valueProperty().bindBidirectional(r.refillProperty());
        refill.disableProperty().bind(r.strategyProperty().isNotEqualTo(Algorithm.TOKEN_BUCKET));
        TextField rate = text("ratelimit-limiter-rate-" + i, r.rateProperty(), "tokens", 4);
        rate.disableProperty().bind(Bindings.createBooleanBinding(() -> !r.usesRate(), r.strategyProperty()));
        Label capLabel = small("");
        capLabel.textProperty().bind(Bindings.createStringBinding(
                () -> r.usesRate() ? (r.strategyProperty().get() == Algorithm.GCRA ? "Burst" : "Capacity") : "Limit",
                r.strategyProperty()));
        Label periodLabel = small("");
        periodLabel.textProperty().bind(Bindings.createStringBinding(
                () -> r.usesRate() ? "Period" : "Window", r.strategyProperty()));
        g.addRow(0, small("Name"), text("ratelimit-limiter-name-" + i, r.nameProperty(), "tb", 8),
                small("Strategy"), strategy);
        g.addRow(1, capLabel, text("ratelimit-limiter-capacity-" + i, r.capacityProperty(), "20", 4),
                small("Rate"), rate);
        g.addRow(2, periodLabel, text("ratelimit-limiter-period-" + i, r.periodProperty(), "1s", 4),
                small("Refill"), refill);
        Button remove = removeButton("ratelimit-limiter-remove-" + i, "Remove this limiter");
        remove.setOnAction(e -> form.limiters().remove(r));
        return card(g, remove, r.errorProperty(), "ratelimit-limiter-error-" + i);
    }

    private static Node card(GridPane g, Button remove, StringProperty error, String errorId) {
        HBox top = new HBox(6, g, remove);
        HBox.setHgrow(g, Priority.ALWAYS);
        Label err = error(error);
        err.setId(errorId);
        VBox card = new VBox(4, top, err);
        card.getStyleClass().add("rl-card");
        return card;
    }

    private static int field(GridPane g, int row, String label, Node input, StringProperty error) {
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE);
        g.addRow(row++, l, input);
        GridPane.setHgrow(input, Priority.ALWAYS);
        if (error != null) {
            Label err = error(error);
            g.add(err, 1, row++);
        }
        return row;
    }

    static Label error(StringProperty error) {
        Label l = new Label();
        l.textProperty().bind(error);
        l.getStyleClass().add("rl-error");
        l.setWrapText(true);
        l.visibleProperty().bind(error.isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static TextField text(String id, StringProperty p, String prompt, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        f.setTooltip(new Tooltip(prompt));
        return f;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("title-4", "rl-section");
        return l;
    }

    private static Label small(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add("text-muted");
        return l;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("text-muted", "text-small");
        l.setWrapText(true);
        return l;
    }

    private static Button addButton(String text, String id) {
        Button b = new Button(text, new FontIcon(Material2AL.ADD));
        b.setId(id);
        b.getStyleClass().add("flat");
        return b;
    }

    private static Button removeButton(String id, String tip) {
        Button b = new Button(null, new FontIcon(Material2MZ.REMOVE_CIRCLE_OUTLINE));
        b.setId(id);
        b.getStyleClass().addAll("flat", "button-icon");
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }
}
