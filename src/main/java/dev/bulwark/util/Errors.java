package dev.bulwark.util;

/** What to tell a user about a failure. */
public final class Errors {
    private Errors() {
    }

    /**
     * The innermost cause's message, or its class name when it has none: wrappers (execution, I/O, library
     * exceptions) repeat or bury it, and the innermost one is what a user can act on ("connection refused").
     */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null || msg.isBlank() ? root.getClass().getSimpleName() : msg;
    }
}
