package dev.bulwark.docker.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine says about one container (from inspect): identity, state, health and configuration.
 *
 * @param id             full container id
 * @param name           name without the leading slash
 * @param image          image reference as configured
 * @param state          current state
 * @param health         health-check status
 * @param failingStreak  consecutive failed probes (0 without health check)
 * @param lastProbes     most recent probes, oldest first (at most what the engine keeps, i.e. 5)
 * @param startedAt      last start time, null if never started
 * @param finishedAt     last exit time, null if never exited
 * @param restartCount   restarts done by the restart policy
 * @param exitCode       last exit code
 * @param oomKilled      whether the last exit was an OOM kill
 * @param tty            whether the container has a TTY (logs are then not multiplexed)
 * @param ports          port bindings
 * @param labels         labels
 * @param imageId        the image id ({@code sha256:...}) the container runs, empty when unknown
 */
public record ContainerDetails(
        String id, String name, String image, ContainerState state, Health health, int failingStreak,
        List<HealthProbe> lastProbes, Instant startedAt, Instant finishedAt, int restartCount, int exitCode,
        boolean oomKilled, boolean tty, List<PortBinding> ports, Map<String, String> labels, String imageId) {

    /** The Compose project label. */
    public static final String COMPOSE_PROJECT_LABEL = "com.docker.compose.project";

    public ContainerDetails {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        image = image == null ? "" : image;
        state = state == null ? ContainerState.UNKNOWN : state;
        health = health == null ? Health.NONE : health;
        lastProbes = lastProbes == null ? List.of() : List.copyOf(lastProbes);
        ports = ports == null ? List.of() : List.copyOf(ports);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        imageId = imageId == null ? "" : imageId;
    }

    /** The first 12 characters of the id, as {@code docker ps} shows it. */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** The Compose project, or null when the container is not part of one. */
    public String composeProject() {
        return labels.get(COMPOSE_PROJECT_LABEL);
    }

    /** Time since {@code StartedAt} while running or paused; zero otherwise. */
    public Duration uptime(Instant now) {
        if (!state.hasProcesses() || startedAt == null || now.isBefore(startedAt)) {
            return Duration.ZERO;
        }
        return Duration.between(startedAt, now);
    }

    /** A copy with another state and health, used when events arrive before a fresh inspect. */
    public ContainerDetails withState(ContainerState newState) {
        return new ContainerDetails(id, name, image, newState, health, failingStreak, lastProbes, startedAt,
                finishedAt, restartCount, exitCode, oomKilled, tty, ports, labels, imageId);
    }
}
