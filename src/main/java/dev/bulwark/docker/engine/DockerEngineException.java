package dev.bulwark.docker.engine;

/** A failed engine call, with a message fit to show the user (engine name, operation, cause). */
public class DockerEngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DockerEngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public DockerEngineException(String message) {
        super(message);
    }
}
