package dev.bulwark.ratelimit.sim;

import dev.bulwark.ratelimit.Decision;

/**
 * One limiter decision of a run, for a per-decision log ({@link SimulationListener#onDecision}).
 *
 * @param limiter       the limiter's name
 * @param timeNanos     when the request was due, in scenario time
 * @param client        the client's name
 * @param key           the limiter key
 * @param cost          units asked for
 * @param decision      the answer
 * @param issuedNanos   {@link System#nanoTime()} when the decision was asked for
 * @param answeredNanos {@link System#nanoTime()} when the answer came
 */
public record DecisionEvent(String limiter, long timeNanos, String client, String key, long cost, Decision decision,
                            long issuedNanos, long answeredNanos) {
}
