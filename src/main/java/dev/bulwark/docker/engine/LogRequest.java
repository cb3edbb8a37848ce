package dev.bulwark.docker.engine;

/**
 * Which logs to read.
 *
 * @param tail       last N lines, or -1 for all
 * @param follow     keep the stream open for new lines
 * @param timestamps ask the engine to prefix each line with its RFC 3339 timestamp
 */
public record LogRequest(int tail, boolean follow, boolean timestamps) {
}
