package dev.bulwark.docker.engine;

import java.time.Instant;
import java.util.Map;

/**
 * A container event from the engine's event stream.
 *
 * @param containerId the container's id
 * @param action      e.g. {@code start}, {@code die}, {@code health_status: unhealthy}, {@code destroy}
 * @param time        when the engine emitted it
 * @param attributes  actor attributes (name, image, exitCode, labels)
 */
public record EngineEvent(String containerId, String action, Instant time, Map<String, String> attributes) {

    public EngineEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The action without its detail: {@code health_status: healthy} becomes {@code health_status}. */
    public String verb() {
        int colon = action.indexOf(':');
        return colon < 0 ? action : action.substring(0, colon);
    }
}
