package dev.bulwark.docker.engine;

/** Opens a {@link DockerEngine} for a spec; tests and the app choose the adapter. */
@FunctionalInterface
public interface EngineFactory {

    /** Pool size for docker-java: 100 stats streams, events, a few log follows and requests. */
    int DEFAULT_MAX_CONNECTIONS = 128;

    DockerEngine open(EngineSpec spec);

    /** The real adapter: docker-java over httpclient5. */
    static EngineFactory dockerJava() {
        return spec -> new DockerJavaEngine(spec, DEFAULT_MAX_CONNECTIONS);
    }
}
