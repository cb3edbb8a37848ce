package dev.bulwark.docker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.docker.model.ContainerState;
import dev.bulwark.docker.model.Health;
import dev.bulwark.docker.model.HealthProbe;
import dev.bulwark.docker.model.PortBinding;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code GET /containers/{id}/json} into {@link ContainerDetails}. */
public final class InspectParser {

    /** Probe outputs are cut here: a check printing megabytes must not bloat every snapshot. */
    static final int MAX_PROBE_OUTPUT = 2_000;

    private InspectParser() {
    }

    public static ContainerDetails parse(JsonNode n) {
        JsonNode state = n.path("State");
        JsonNode health = state.path("Health");
        List<HealthProbe> probes = new ArrayList<>();
        for (JsonNode p : health.path("Log")) {
            String out = p.path("Output").asText("").strip();
            if (out.length() > MAX_PROBE_OUTPUT) {
                out = out.substring(0, MAX_PROBE_OUTPUT) + " …[cut]";
            }
            probes.add(new HealthProbe(instant(p.path("Start").asText(null)), instant(p.path("End").asText(null)),
                    p.path("ExitCode").asInt(0), out));
        }
        String name = n.path("Name").asText("");
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        JsonNode config = n.path("Config");
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("Labels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            labels.put(e.getKey(), e.getValue().asText(""));
        }
        return new ContainerDetails(n.path("Id").asText(), name, config.path("Image").asText(""),
                ContainerState.parse(state.path("Status").asText(null)),
                Health.parse(health.path("Status").asText(null)), health.path("FailingStreak").asInt(0), probes,
                instant(state.path("StartedAt").asText(null)), instant(state.path("FinishedAt").asText(null)),
                n.path("RestartCount").asInt(0), state.path("ExitCode").asInt(0),
                state.path("OOMKilled").asBoolean(false), config.path("Tty").asBoolean(false),
                ports(n), labels, n.path("Image").asText(""));
    }

    /** Published ports; the configured bindings when the container has no live network settings. */
    private static List<PortBinding> ports(JsonNode container) {
        JsonNode ports = container.path("NetworkSettings").path("Ports");
        if (ports.isEmpty()) {
            ports = container.path("HostConfig").path("PortBindings");
        }
        List<PortBinding> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ports.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] spec = e.getKey().split("/", 2);
            int containerPort = parseInt(spec[0]);
            String proto = spec.length > 1 ? spec[1] : "tcp";
            if (e.getValue().isArray() && !e.getValue().isEmpty()) {
                for (JsonNode b : e.getValue()) {
                    out.add(new PortBinding(b.path("HostIp").asText(""), parseInt(b.path("HostPort").asText("0")),
                            containerPort, proto));
                }
            } else {
                out.add(new PortBinding("", 0, containerPort, proto));
            }
        }
        return out;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** RFC 3339 with nanoseconds; Docker's zero time {@code 0001-01-01T00:00:00Z} means "never". */
    static Instant instant(String text) {
        if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
