package dev.bulwark.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Container monitor preferences: engines added besides the default one, the tcp policy, and the alert
 * thresholds. Missing fields take the defaults so settings files written before this section load.
 *
 * @param engines                  extra engines (the default one from DOCKER_HOST is always monitored)
 * @param allowNonLoopbackTcp      the user's explicit consent to plain tcp to a remote host
 * @param restartLoopCount         alert when a container restarts more than this many times ...
 * @param restartLoopWindowMinutes ... within this many minutes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DockerSettings(List<Engine> engines, boolean allowNonLoopbackTcp, int restartLoopCount,
                             int restartLoopWindowMinutes) {

    /** No extra engines, plain remote tcp refused, more than 3 restarts in 5 minutes is a loop. */
    public static final DockerSettings DEFAULTS = new DockerSettings(List.of(), false, 3, 5);

    public DockerSettings {
        engines = engines == null ? List.of() : List.copyOf(engines);
        restartLoopCount = restartLoopCount <= 0 ? 3 : restartLoopCount;
        restartLoopWindowMinutes = restartLoopWindowMinutes <= 0 ? 5 : restartLoopWindowMinutes;
    }

    public DockerSettings withEngine(Engine e) {
        if (engines.stream().anyMatch(x -> x.name().equals(e.name()))) {
            throw new IllegalArgumentException("an engine named '" + e.name() + "' already exists");
        }
        List<Engine> next = new ArrayList<>(engines);
        next.add(e);
        return new DockerSettings(next, allowNonLoopbackTcp, restartLoopCount, restartLoopWindowMinutes);
    }

    public DockerSettings withoutEngine(String name) {
        return new DockerSettings(engines.stream().filter(e -> !e.name().equals(name)).toList(),
                allowNonLoopbackTcp, restartLoopCount, restartLoopWindowMinutes);
    }

    public DockerSettings withAllowNonLoopbackTcp(boolean allow) {
        return new DockerSettings(engines, allow, restartLoopCount, restartLoopWindowMinutes);
    }

    public DockerSettings withRestartLoop(int count, int windowMinutes) {
        if (count <= 0 || windowMinutes <= 0) {
            throw new IllegalArgumentException("restart loop count and window must be positive");
        }
        return new DockerSettings(engines, allowNonLoopbackTcp, count, windowMinutes);
    }

    /**
     * One configured engine.
     *
     * @param name       display name, unique
     * @param uri        {@code unix://...}, {@code npipe://...} or {@code tcp://host:port}
     * @param tlsCertDir directory with ca.pem/cert.pem/key.pem for tcp+TLS, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Engine(String name, String uri, String tlsCertDir) {
        public Engine {
            Objects.requireNonNull(uri, "uri");
            name = name == null || name.isBlank() ? uri : name;
            tlsCertDir = tlsCertDir == null || tlsCertDir.isBlank() ? null : tlsCertDir;
        }
    }
}
