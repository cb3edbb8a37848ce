package dev.bulwark.ratelimit.sim;

import java.util.List;

/**
 * What one limiter did during one simulated second; delivered live to a {@link SimulationListener}.
 * The per-client breakdown is exact: the {@code topClients} plus the "other clients" bucket add up to
 * {@code offered} and {@code allowed}. In a result's series of a run longer than
 * {@link ScenarioLimits#MAX_SERIES_POINTS} seconds a sample covers several seconds ({@link #seconds()}): its
 * figures are the sums over them (the largest for {@code maxInWindow}) and its top clients the busiest of the
 * seconds' own top clients.
 *
 * @param limiter      limiter name
 * @param second       0-based second of the run (the first second covered)
 * @param offered      requests offered
 * @param allowed      requests allowed
 * @param rejected     requests rejected
 * @param allowedCost  cost units allowed
 * @param maxInWindow  the largest cost allowed for one key in any window (of the limiter's period)
 *                     ending in this second
 * @param topClients   the busiest clients of this second (most offered first, ties by name), at most the
 *                     simulator's configured number; empty when per-client figures are off
 * @param otherOffered requests offered by all other clients this second
 * @param otherAllowed requests allowed to all other clients this second
 * @param seconds      seconds covered, from {@code second}: 1 except in the aggregated series of a long run
 */
public record SecondSample(String limiter, int second, long offered, long allowed, long rejected, long allowedCost,
                           long maxInWindow, List<ClientResult> topClients, long otherOffered, long otherAllowed,
                           int seconds) {

    /** Copies and validates. */
    public SecondSample {
        topClients = List.copyOf(topClients);
        if (seconds < 1) {
            throw new IllegalArgumentException("a sample covers at least 1 second, was " + seconds);
        }
    }

    /** A sample of one second. */
    public SecondSample(String limiter, int second, long offered, long allowed, long rejected, long allowedCost,
                        long maxInWindow, List<ClientResult> topClients, long otherOffered, long otherAllowed) {
        this(limiter, second, offered, allowed, rejected, allowedCost, maxInWindow, topClients, otherOffered,
                otherAllowed, 1);
    }

    /** A sample of one second without a per-client breakdown (every request counts as "other clients"). */
    public SecondSample(String limiter, int second, long offered, long allowed, long rejected, long allowedCost,
                        long maxInWindow) {
        this(limiter, second, offered, allowed, rejected, allowedCost, maxInWindow, List.of(), offered, allowed);
    }

    /** Requests rejected for the "other clients" bucket. */
    public long otherRejected() {
        return otherOffered - otherAllowed;
    }
}
