package dev.bulwark.docker.engine;

/**
 * Raw bytes from a container's log stream, tagged with their stream. Chunks need not end on line or
 * character boundaries.
 */
public record LogChunk(Source source, byte[] bytes) {

    /** The origin of a chunk; {@link #TTY} when the container has a terminal and streams are merged. */
    public enum Source { STDOUT, STDERR, TTY }
}
