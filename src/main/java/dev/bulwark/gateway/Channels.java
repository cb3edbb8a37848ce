package dev.bulwark.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The gateway's channels and the data message type each carries (the existing gateway's fixed set). */
public final class Channels {
    public static final String CONTAINERS = "maximus:containers";
    public static final String OSINT = "maximus:osint";
    public static final String AI = "maximus:ai";
    public static final String TASKS = "maximus:tasks";
    public static final String THREATS = "maximus:threats";
    public static final String CONSCIOUSNESS = "maximus:consciousness";
    public static final String SYSTEM = "maximus:system";

    /** Every channel, in the order the UI lists them. */
    public static final List<String> ALL = List.of(CONTAINERS, THREATS, TASKS, OSINT, AI, CONSCIOUSNESS, SYSTEM);

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    /** The data message type of each channel that has one. */
    public static final Map<String, String> DATA_TYPES = Map.of(CONTAINERS, "container_status", OSINT, "osint_progress",
            AI, "maximus_stream", TASKS, "task_update", THREATS, "threat_alert", CONSCIOUSNESS, "consciousness_metric");

    private Channels() {
    }

    /** True for a channel the existing gateway accepts (it drops a connection that names any other). */
    public static boolean isKnown(String channel) {
        return channel != null && KNOWN.contains(channel);
    }

    /** Checks {@code channel}; the message names it and lists the known ones. */
    public static String require(String channel) {
        if (!isKnown(channel)) {
            throw new IllegalArgumentException("unknown channel '" + channel + "' (known: " + String.join(", ", ALL) + ")");
        }
        return channel;
    }
}
