package dev.bulwark.ratelimit.sim;

import static dev.bulwark.ratelimit.sim.ScenarioFields.duration;
import static dev.bulwark.ratelimit.sim.ScenarioFields.firstLong;
import static dev.bulwark.ratelimit.sim.ScenarioFields.positive;
import static dev.bulwark.ratelimit.sim.ScenarioFields.positiveNanos;
import static dev.bulwark.ratelimit.sim.ScenarioFields.present;
import static dev.bulwark.ratelimit.sim.ScenarioFields.rate;
import static dev.bulwark.ratelimit.sim.ScenarioFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.CostRules;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.Refill;
import dev.bulwark.ratelimit.sim.ScenarioFields.FieldException;
import dev.bulwark.util.StrictUtf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a scenario from YAML ({@code .yaml}/{@code .yml}) or JSON. Every problem names the file and the
 * field. A broken limiter or client group is skipped and reported in {@link Loaded#warnings()} so the
 * rest still runs; a scenario with nothing runnable left fails with a {@link ScenarioException}.
 */
public final class ScenarioLoader {

    /** A loaded scenario and the parts that were skipped. */
    public record Loaded(Scenario scenario, List<String> warnings) {
    }

    /** Loads {@code file}. */
    public Loaded load(Path file) throws ScenarioException {
        String where = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text = readText(file);
        String lower = where.toLowerCase(Locale.ROOT);
        ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml")
                ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(List.of(where + ": not valid " + (mapper.getFactory() instanceof YAMLFactory
                    ? "YAML" : "JSON") + ": " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : "")));
        }
        return read(root, where, file.toAbsolutePath().getParent());
    }

    /** The file's text: at most {@link ScenarioLimits#MAX_SCENARIO_BYTES}, strict UTF-8. */
    private static String readText(Path file) throws ScenarioException {
        try {
            long size = Files.size(file);
            if (size > ScenarioLimits.MAX_SCENARIO_BYTES) {
                throw new ScenarioException(List.of(file + ": " + size / 1024 + " KB is over the limit of "
                        + ScenarioLimits.MAX_SCENARIO_BYTES / 1024 + " KB for a scenario file"));
            }
            return StrictUtf8.decode(Files.readAllBytes(file));
        } catch (StrictUtf8.MalformedTextException e) {
            throw new ScenarioException(List.of(file + ": " + e.getMessage()));
        } catch (IOException e) {
            throw new ScenarioException(List.of(file + ": cannot read: " + reason(e)));
        }
    }

    private static String reason(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException x -> "no such file";
            case java.nio.file.AccessDeniedException x -> "permission denied";
            default -> String.valueOf(e.getMessage());
        };
    }

    /**
     * Reads an already parsed scenario document (e.g. one built by a form), with the same checks and
     * messages as {@link #load(Path)}.
     *
     * @param where   names the document in messages
     * @param baseDir directory relative replay files resolve against; null for the working directory
     */
    public Loaded read(JsonNode root, String where, Path baseDir) throws ScenarioException {
        if (root == null || !root.isObject()) {
            throw new ScenarioException(List.of(where + ": expected a mapping at the top level"));
        }
        return new Reader(where, baseDir).read(root);
    }

    /** One pass over a document, collecting problems. */
    private static final class Reader {
        private final String where;
        private final Path baseDir;
        private final List<String> fatal = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        Reader(String where, Path baseDir) {
            this.where = where;
            this.baseDir = baseDir;
        }

        Loaded read(JsonNode root) throws ScenarioException {
            unknown(root, "", "name", "seed", "duration", "clients", "costs", "limiters");
            String name = root.path("name").asText("scenario");
            long duration = 1;
            try {
                Duration d = duration(root, "duration", "duration", Duration.ofSeconds(60));
                if (!limit(ScenarioLimits.duration(d, root.path("duration").asText(), "duration"))) {
                    duration = d.toNanos();
                }
            } catch (FieldException e) {
                fatal.add(where + ": " + e.getMessage());
            }
            long seed = root.has("seed") ? root.get("seed").asLong() : 1L;
            if (root.has("seed") && !root.get("seed").canConvertToLong()) {
                fatal.add(where + ": seed: expected an integer, got " + root.get("seed"));
            }
            CostRules costs = costs(root.path("costs"));
            List<ClientGroup> clients = new ArrayList<>();
            JsonNode cs = root.path("clients");
            if (!cs.isArray() || cs.isEmpty()) {
                fatal.add(where + ": clients: expected a non-empty list of client groups");
            } else {
                for (int i = 0; i < cs.size(); i++) {
                    ClientGroup g = client(cs.get(i), "clients[" + i + "]");
                    if (g != null) {
                        clients.add(g);
                    }
                }
            }
            List<LimitConfig> limiters = new ArrayList<>();
            JsonNode ls = root.path("limiters");
            if (!ls.isArray() || ls.isEmpty()) {
                fatal.add(where + ": limiters: expected a non-empty list of limiter configurations");
            } else {
                for (int i = 0; i < ls.size(); i++) {
                    LimitConfig c = limiter(ls.get(i), "limiters[" + i + "]");
                    if (c != null) {
                        limiters.add(c);
                    }
                }
            }
            if (clients.isEmpty() && cs.isArray() && !cs.isEmpty()) {
                fatal.add(where + ": clients: no usable client group left");
            }
            if (limiters.isEmpty() && ls.isArray() && !ls.isEmpty()) {
                fatal.add(where + ": limiters: no usable limiter left");
            }
            if (duration <= 0) {
                fatal.add(where + ": duration: must be positive");
            } else {
                ScenarioLimits.totals(duration, clients, limiters).forEach(this::limit);
            }
            if (!fatal.isEmpty()) {
                List<String> all = new ArrayList<>(fatal);
                all.addAll(warnings);
                throw new ScenarioException(all);
            }
            return new Loaded(new Scenario(name, duration, seed, clients, costs, limiters), List.copyOf(warnings));
        }

        /** Records a broken limit as fatal: the scenario asks for more than a run may do. True if there was one. */
        private boolean limit(String problem) {
            if (problem != null) {
                fatal.add(where + ": " + problem);
            }
            return problem != null;
        }

        private CostRules costs(JsonNode node) {
            if (node.isMissingNode() || node.isNull()) {
                return CostRules.unit();
            }
            try {
                unknown(node, "costs.", "default", "rules");
                JsonNode d = node.get("default");
                if (d != null && !d.isIntegralNumber()) {
                    throw new IllegalArgumentException("default: expected a whole number, got " + d);
                }
                long dflt = d == null ? 1 : d.asLong();
                limit(ScenarioLimits.cost(dflt, "costs.default"));
                List<CostRules.Rule> rules = new ArrayList<>();
                JsonNode rs = node.path("rules");
                for (int i = 0; i < rs.size(); i++) {
                    JsonNode r = rs.get(i);
                    unknown(r, "costs.rules[" + i + "].", "operation", "pathPrefix", "cost");
                    try {
                        long cost = r.path("cost").asLong(0);
                        limit(ScenarioLimits.cost(cost, "costs.rules[" + i + "].cost"));
                        rules.add(new CostRules.Rule(text(r, "operation"), text(r, "pathPrefix"), cost));
                    } catch (IllegalArgumentException e) {
                        warnings.add(where + ": costs.rules[" + i + "]: " + e.getMessage() + " (rule skipped)");
                    }
                }
                return new CostRules(dflt, rules);
            } catch (IllegalArgumentException e) {
                fatal.add(where + ": costs: " + e.getMessage());
                return CostRules.unit();
            }
        }

        /** Warns about fields nobody reads, which are almost always typos. */
        private void unknown(JsonNode n, String path, String... known) {
            if (!n.isObject()) {
                return;
            }
            java.util.Set<String> ok = java.util.Set.of(known);
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!ok.contains(e.getKey())) {
                    warnings.add(where + ": " + path + e.getKey() + ": unknown field (ignored); expected one of "
                            + String.join(", ", known));
                }
            }
        }

        private ClientGroup client(JsonNode n, String path) {
            try {
                unknown(n, path + ".", "name", "count", "key", "traffic", "operations");
                String name = n.path("name").asText("group" + path.replaceAll("\\D", ""));
                long requested = n.has("count") ? firstLong(n, path, "count") : 1;
                if (requested < 1) {
                    throw new FieldException(path + ".count", "must be at least 1, was " + requested);
                }
                int count = limit(ScenarioLimits.count(requested, path + ".count")) ? 1 : (int) requested;
                KeyScheme scheme;
                try {
                    scheme = KeyScheme.parse(n.path("key").asText("per-client"));
                } catch (IllegalArgumentException e) {
                    throw new FieldException(path + ".key", e.getMessage());
                }
                Traffic traffic = traffic(n.path("traffic"), path + ".traffic");
                ScenarioLimits.rates(traffic, path + ".traffic").forEach(this::limit);
                List<ClientGroup.WeightedOp> ops = new ArrayList<>();
                JsonNode on = n.path("operations");
                for (Map.Entry<String, JsonNode> e : on.properties()) {
                    double w = e.getValue().asDouble(-1);
                    if (!(w > 0)) {
                        throw new FieldException(path + ".operations." + e.getKey(), "weight must be positive");
                    }
                    ops.add(new ClientGroup.WeightedOp(e.getKey(), w));
                }
                if (ops.isEmpty()) {
                    ops.add(new ClientGroup.WeightedOp("request", 1));
                }
                return new ClientGroup(name, count, scheme, traffic, ops);
            } catch (FieldException e) {
                warnings.add(where + ": " + e.getMessage() + " (client group skipped)");
                return null;
            }
        }

        private Traffic traffic(JsonNode n, String path) {
            String type = n.path("type").asText("");
            unknown(n, path + ".", "type", "rate", "on", "off", "from", "to", "peak", "at", "length", "file", "keyBy",
                    "speed");
            return switch (type.toLowerCase(Locale.ROOT)) {
                case "constant" -> new Traffic.Constant(positive(rate(n, "rate", path), path + ".rate"));
                case "poisson" -> new Traffic.Poisson(positive(rate(n, "rate", path), path + ".rate"));
                case "onoff", "on-off", "bursts" -> new Traffic.OnOff(positive(rate(n, "rate", path), path + ".rate"),
                        positiveNanos(duration(n, "on", path + ".on", Duration.ofSeconds(1)), path + ".on"),
                        positiveNanos(duration(n, "off", path + ".off", Duration.ofSeconds(1)), path + ".off"));
                case "ramp" -> new Traffic.Ramp(rate(n, "from", path), rate(n, "to", path));
                case "spike" -> new Traffic.Spike(rate(n, "rate", path), rate(n, "peak", path),
                        duration(n, "at", path + ".at", Duration.ZERO).toNanos(),
                        positiveNanos(duration(n, "length", path + ".length", Duration.ofSeconds(1)), path + ".length"));
                case "replay" -> replay(n, path);
                default -> throw new FieldException(path + ".type", "expected constant, poisson, onoff, ramp, spike"
                        + " or replay, got '" + type + "'");
            };
        }

        private Traffic replay(JsonNode n, String path) {
            String f = text(n, "file");
            if (f == null) {
                throw new FieldException(path + ".file", "replay needs the access log file");
            }
            Path file = baseDir == null ? Path.of(f) : baseDir.resolve(f);
            if (!Files.isReadable(file)) {
                throw new FieldException(path + ".file", "cannot read " + file);
            }
            try {
                limit(ScenarioLimits.replaySize(Files.size(file), path + ".file"));
            } catch (IOException e) {
                throw new FieldException(path + ".file", "cannot read " + file + ": " + reason(e));
            }
            Traffic.KeyBy by;
            try {
                by = Traffic.KeyBy.valueOf(n.path("keyBy").asText("ip").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new FieldException(path + ".keyBy", "expected ip or user");
            }
            double speed = n.path("speed").asDouble(1);
            return new Traffic.Replay(file, by, positive(speed, path + ".speed"));
        }

        private LimitConfig limiter(JsonNode n, String path) {
            try {
                unknown(n, path + ".", "name", "strategy", "capacity", "limit", "burst", "rate", "tokens", "period",
                        "window", "refill");
                String strategy = text(n, "strategy");
                if (strategy == null) {
                    throw new FieldException(path + ".strategy", "missing");
                }
                Algorithm algo;
                try {
                    algo = Algorithm.fromId(strategy);
                } catch (IllegalArgumentException e) {
                    throw new FieldException(path + ".strategy", e.getMessage());
                }
                String name = n.path("name").asText(algo.id());
                // messages name the field the user wrote: limit and burst are capacity, tokens is rate
                String capField = present(n, "capacity", "limit", "burst");
                String rateField = n.has("rate") || n.has("tokens") ? present(n, "rate", "tokens") : capField;
                String periodField = n.has("window") ? "window" : "period";
                long capacity = firstLong(n, path, "capacity", "limit", "burst");
                if (capacity < 1) {
                    throw new FieldException(path + "." + capField, "must be at least 1, was " + capacity);
                }
                Duration period = duration(n, periodField, path + "." + periodField, Duration.ofSeconds(1));
                long tokens = n.has("rate") || n.has("tokens") ? firstLong(n, path, "rate", "tokens") : capacity;
                if (tokens < 1) {
                    throw new FieldException(path + "." + rateField, "must be at least 1, was " + tokens);
                }
                Refill refill = Refill.GREEDY;
                if (n.has("refill")) {
                    try {
                        refill = Refill.valueOf(n.get("refill").asText().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new FieldException(path + ".refill", "expected greedy or interval");
                    }
                }
                try {
                    return new LimitConfig(name, algo, capacity, tokens, period, refill);
                } catch (IllegalArgumentException e) {
                    throw new FieldException(path, e.getMessage()
                            .replaceAll("\\bcapacity\\b", capField)
                            .replaceAll("\\btokens\\b", rateField)
                            .replaceAll("\\bperiod\\b", periodField));
                }
            } catch (FieldException e) {
                warnings.add(where + ": " + e.getMessage() + " (limiter skipped)");
                return null;
            }
        }

    }

}
