package dev.bulwark.ui.ratelimit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.Refill;
import dev.bulwark.ratelimit.sim.ClientGroup;
import dev.bulwark.ratelimit.sim.KeyScheme;
import dev.bulwark.ratelimit.sim.Scenario;
import dev.bulwark.ratelimit.sim.ScenarioException;
import dev.bulwark.ratelimit.sim.ScenarioLoader;
import dev.bulwark.ratelimit.sim.SimulationMode;
import dev.bulwark.util.RedisUris;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The scenario form's state: the scenario (clients, traffic, costs, limiters, duration, seed) plus how to
 * run it (mode, store). {@link #build} turns it into the scenario file's document and lets the core
 * {@link ScenarioLoader} check it, so the form accepts exactly what scenario files accept; each problem
 * is put next to the field or row it names.
 */
public final class ScenarioForm {
    private static final Pattern ROW = Pattern.compile("^(clients|limiters)\\[(\\d+)]\\.?:?\\s*(.*)$");
    private static final String WHERE = "form";

    private final StringProperty name = new SimpleStringProperty("scenario");
    private final StringProperty duration = new SimpleStringProperty("10s");
    private final StringProperty seed = new SimpleStringProperty("1");
    private final StringProperty defaultCost = new SimpleStringProperty("1");
    private final StringProperty costRules = new SimpleStringProperty("");
    private final ObjectProperty<SimulationMode> mode = new SimpleObjectProperty<>(SimulationMode.VIRTUAL);
    private final BooleanProperty useRedis = new SimpleBooleanProperty(false);
    private final StringProperty redisUri = new SimpleStringProperty("redis://127.0.0.1:6379");
    private final ObservableList<ClientRow> clients = FXCollections.observableArrayList();
    private final ObservableList<LimiterRow> limiters = FXCollections.observableArrayList();

    private final java.util.Set<ClientRow> preErrored = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());
    private final StringProperty nameError = new SimpleStringProperty("");
    private final StringProperty durationError = new SimpleStringProperty("");
    private final StringProperty seedError = new SimpleStringProperty("");
    private final StringProperty costsError = new SimpleStringProperty("");
    private final StringProperty storeError = new SimpleStringProperty("");
    private final StringProperty clientsError = new SimpleStringProperty("");
    private final StringProperty limitersError = new SimpleStringProperty("");

    /** A form holding a small example: bursty clients, a token bucket and a fixed window. */
    public ScenarioForm() {
        clients.add(new ClientRow("users", "20", "per-client", "poisson rate=2", ""));
        clients.add(new ClientRow("scraper", "1", "per-client", "onoff rate=60 on=2s off=3s", ""));
        limiters.add(new LimiterRow("tb", Algorithm.TOKEN_BUCKET, "20", "10", "1s", Refill.GREEDY));
        limiters.add(new LimiterRow("fixed", Algorithm.FIXED_WINDOW, "10", "10", "1s", Refill.GREEDY));
    }

    /** A built scenario, the document it came from, and the loader's non-blocking notes. */
    public record Built(Scenario scenario, ObjectNode document) {
    }

    /**
     * Checks every field; on success returns the scenario, otherwise sets the error properties and
     * returns empty.
     *
     * @param baseDir where relative replay files resolve (the scenario file's directory), or null
     */
    public Optional<Built> build(ScenarioLoader loader, Path baseDir) {
        clearErrors();
        checkStore();
        ObjectNode doc = document();
        boolean ok = storeError.get().isEmpty() && costsError.get().isEmpty() && rowsError().isEmpty();
        // rows whose text could not even be read keep that one message; the loader still checks the rest
        preErrored.clear();
        clients.stream().filter(r -> !r.errorProperty().get().isEmpty()).forEach(preErrored::add);
        Scenario scenario = null;
        List<String> problems = new ArrayList<>();
        try {
            ScenarioLoader.Loaded loaded = loader.read(doc, WHERE, baseDir);
            scenario = loaded.scenario();
            problems.addAll(loaded.warnings());
        } catch (ScenarioException e) {
            problems.addAll(e.problems());
        }
        problems.forEach(this::route);
        if (!ok || !problems.isEmpty() || scenario == null) {
            return Optional.empty();
        }
        return Optional.of(new Built(scenario, doc));
    }

    /** Every current error message, for a summary; empty when the form is valid or unchecked. */
    public List<String> errors() {
        List<String> all = new ArrayList<>();
        for (StringProperty p : List.of(nameError, durationError, seedError, costsError, storeError, clientsError,
                limitersError)) {
            if (!p.get().isEmpty()) {
                all.add(p.get());
            }
        }
        all.addAll(rowsError());
        return all;
    }

    /** Replaces the scenario part of the form with {@code s} (mode and store are kept). */
    public void fill(Scenario s) {
        clearErrors();
        name.set(s.name());
        duration.set(ScenarioText.duration(s.durationNanos()));
        seed.set(Long.toString(s.seed()));
        defaultCost.set(Long.toString(s.costs().defaultCost()));
        costRules.set(ScenarioText.costRules(s.costs().rules()));
        List<ClientRow> cs = new ArrayList<>();
        for (ClientGroup g : s.clients()) {
            cs.add(new ClientRow(g.name(), Integer.toString(g.count()), keyText(g.keyScheme()),
                    ScenarioText.traffic(g.traffic()), ScenarioText.operations(g.operations())));
        }
        clients.setAll(cs);
        List<LimiterRow> ls = new ArrayList<>();
        for (LimitConfig c : s.limiters()) {
            ls.add(new LimiterRow(c.name(), c.algorithm(), Long.toString(c.capacity()), Long.toString(c.tokens()),
                    ScenarioText.duration(c.periodNanos()), c.refill()));
        }
        limiters.setAll(ls);
    }

    /** The scenario file document for the current fields (row syntax errors are set on the rows). */
    ObjectNode document() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        doc.put("name", name.get().trim());
        doc.set("seed", ScenarioText.scalar(seed.get()));
        doc.put("duration", duration.get().trim());
        ArrayNode cs = doc.putArray("clients");
        for (ClientRow r : clients) {
            ObjectNode n = cs.addObject();
            n.put("name", r.nameProperty().get().trim());
            n.set("count", ScenarioText.scalar(r.countProperty().get()));
            n.put("key", r.keyProperty().get().trim());
            try {
                n.set("traffic", ScenarioText.trafficNode(r.trafficProperty().get()));
                ObjectNode ops = ScenarioText.operationsNode(r.operationsProperty().get());
                if (ops != null) {
                    n.set("operations", ops);
                }
            } catch (IllegalArgumentException e) {
                r.errorProperty().set(e.getMessage().startsWith("operations") ? e.getMessage()
                        : "traffic: " + e.getMessage());
            }
        }
        ObjectNode costs = doc.putObject("costs");
        costs.set("default", ScenarioText.scalar(defaultCost.get()));
        try {
            costs.set("rules", ScenarioText.rulesNode(costRules.get()));
        } catch (IllegalArgumentException e) {
            costsError.set(e.getMessage());
        }
        ArrayNode ls = doc.putArray("limiters");
        for (LimiterRow r : limiters) {
            ObjectNode n = ls.addObject();
            Algorithm a = r.strategyProperty().get();
            n.put("name", r.nameProperty().get().trim());
            n.put("strategy", a.id());
            boolean window = !r.usesRate();
            n.set(window ? "limit" : a == Algorithm.GCRA ? "burst" : "capacity",
                    ScenarioText.scalar(r.capacityProperty().get()));
            if (!window) {
                n.set("rate", ScenarioText.scalar(r.rateProperty().get()));
            }
            n.put(window ? "window" : "period", r.periodProperty().get().trim());
            if (a == Algorithm.TOKEN_BUCKET && r.refillProperty().get() == Refill.INTERVAL) {
                n.put("refill", "interval");
            }
        }
        return doc;
    }

    private void checkStore() {
        if (!useRedis.get()) {
            return;
        }
        try {
            RedisUris.check(redisUri.get());
        } catch (IllegalArgumentException e) {
            storeError.set(e.getMessage());
            return;
        }
        if (mode.get() == SimulationMode.VIRTUAL) {
            storeError.set("Redis keeps its own clock: choose real time to run against Redis");
        }
    }

    private void route(String problem) {
        String p = problem.startsWith(WHERE + ": ") ? problem.substring(WHERE.length() + 2) : problem;
        Matcher m = ROW.matcher(p);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(2));
            String msg = m.group(3).replace(" (client group skipped)", "").replace(" (limiter skipped)", "");
            boolean client = m.group(1).equals("clients");
            if (client && i < clients.size()) {
                if (preErrored.contains(clients.get(i))) {
                    return;
                }
                append(clients.get(i).errorProperty(), msg);
                return;
            }
            if (!client && i < limiters.size()) {
                append(limiters.get(i).errorProperty(), msg);
                return;
            }
        }
        StringProperty target = p.startsWith("duration") ? durationError
                : p.startsWith("seed") ? seedError
                : p.startsWith("costs") ? costsError
                : p.startsWith("clients") ? clientsError
                : p.startsWith("limiters") ? limitersError
                : nameError;
        append(target, p);
    }

    private static void append(StringProperty target, String msg) {
        target.set(target.get().isEmpty() ? msg : target.get() + "\n" + msg);
    }

    private List<String> rowsError() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            String e = clients.get(i).errorProperty().get();
            if (!e.isEmpty()) {
                out.add("client " + (i + 1) + ": " + e);
            }
        }
        for (int i = 0; i < limiters.size(); i++) {
            String e = limiters.get(i).errorProperty().get();
            if (!e.isEmpty()) {
                out.add("limiter " + (i + 1) + ": " + e);
            }
        }
        return out;
    }

    private void clearErrors() {
        for (StringProperty p : List.of(nameError, durationError, seedError, costsError, storeError, clientsError,
                limitersError)) {
            p.set("");
        }
        clients.forEach(r -> r.errorProperty().set(""));
        limiters.forEach(r -> r.errorProperty().set(""));
    }

    private static String keyText(KeyScheme k) {
        return switch (k.kind()) {
            case PER_CLIENT -> "per-client";
            case SHARED -> "shared";
            case GROUPS -> "groups:" + k.groups();
        };
    }

    /** Adds an empty client group with sensible defaults. */
    public ClientRow addClient() {
        ClientRow r = new ClientRow("group" + (clients.size() + 1), "1", "per-client", "poisson rate=1", "");
        clients.add(r);
        return r;
    }

    /** Adds a limiter with sensible defaults. */
    public LimiterRow addLimiter() {
        LimiterRow r = new LimiterRow("limiter" + (limiters.size() + 1), Algorithm.SLIDING_WINDOW, "10", "10", "1s",
                Refill.GREEDY);
        limiters.add(r);
        return r;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty defaultCostProperty() {
        return defaultCost;
    }

    public StringProperty costRulesProperty() {
        return costRules;
    }

    public ObjectProperty<SimulationMode> modeProperty() {
        return mode;
    }

    public BooleanProperty useRedisProperty() {
        return useRedis;
    }

    public StringProperty redisUriProperty() {
        return redisUri;
    }

    public ObservableList<ClientRow> clients() {
        return clients;
    }

    public ObservableList<LimiterRow> limiters() {
        return limiters;
    }

    public StringProperty nameErrorProperty() {
        return nameError;
    }

    public StringProperty durationErrorProperty() {
        return durationError;
    }

    public StringProperty seedErrorProperty() {
        return seedError;
    }

    public StringProperty costsErrorProperty() {
        return costsError;
    }

    public StringProperty storeErrorProperty() {
        return storeError;
    }

    public StringProperty clientsErrorProperty() {
        return clientsError;
    }

    public StringProperty limitersErrorProperty() {
        return limitersError;
    }
}
