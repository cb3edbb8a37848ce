package dev.bulwark.ratelimit.sim;

/**
 * What one limiter did during one simulated second; delivered live to a {@link SimulationListener}.
 *
 * @param limiter     limiter name
 * @param second      0-based second of the run
 * @param offered     requests offered
 * @param allowed     requests allowed
 * @param rejected    requests rejected
 * @param allowedCost cost units allowed
 * @param maxInWindow the largest cost allowed for one key in any window (of the limiter's period)
 *                    ending in this second
 */
public record SecondSample(String limiter, int second, long offered, long allowed, long rejected, long allowedCost,
                           long maxInWindow) {
}
