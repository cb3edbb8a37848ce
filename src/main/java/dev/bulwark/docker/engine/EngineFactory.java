package dev.bulwark.docker.engine;

/** Opens a {@link DockerEngine} for a spec; tests and the app choose the adapter. */
@FunctionalInterface
public interface EngineFactory {

    /**
     * Pool ceiling for docker-java: one connection per stats stream (one per running container), the event
     * stream, log follows and requests. Connections open lazily, so a high ceiling costs nothing, while a
     * low one would leave streams of a large host waiting for a free connection.
     */
    int DEFAULT_MAX_CONNECTIONS = 512;

    DockerEngine open(EngineSpec spec);

    /** The real adapter: docker-java over httpclient5. */
    static EngineFactory dockerJava() {
        return spec -> new DockerJavaEngine(spec, DEFAULT_MAX_CONNECTIONS);
    }
}
