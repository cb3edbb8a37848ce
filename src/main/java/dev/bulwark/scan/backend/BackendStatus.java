package dev.bulwark.scan.backend;

/**
 * How a backend fared in one scan.
 *
 * @param name     backend name
 * @param state    {@code ok}, {@code failed} or {@code not-found}
 * @param message  details for failed/not-found, else empty
 * @param hits     advisory hits it returned
 * @param millis   time it took
 */
public record BackendStatus(String name, String state, String message, int hits, long millis) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String NOT_FOUND = "not-found";
}
