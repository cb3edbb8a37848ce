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

    /** The innermost cause's message (its class name when it has none): what to show for a failed call. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null ? root.getClass().getSimpleName() : msg;
    }
}
