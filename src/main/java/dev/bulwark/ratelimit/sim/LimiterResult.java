package dev.bulwark.ratelimit.sim;

import java.util.List;

/**
 * Totals for one limiter configuration over the whole run.
 *
 * @param limiter          limiter name
 * @param strategy         strategy id, e.g. {@code token-bucket}
 * @param config           human description of the configuration
 * @param limit            capacity / window limit
 * @param windowNanos      the window used for {@code maxInWindow} (the limiter's period)
 * @param offered          requests offered
 * @param allowed          requests allowed
 * @param rejected         requests rejected
 * @param maxInWindow      largest cost allowed for one key in any window of {@code windowNanos}
 * @param jain             Jain's fairness index over the clients' satisfaction (allowed / offered); 1 is fair
 * @param p50Micros        median decision latency
 * @param p99Micros        99th percentile decision latency
 * @param latencySamples   decisions timed for the percentiles
 * @param note             e.g. the fixed-window boundary burst, or empty
 * @param series           per-second figures
 * @param clients          per-client totals
 */
public record LimiterResult(String limiter, String strategy, String config, long limit, long windowNanos,
                            long offered, long allowed, long rejected, long maxInWindow, double jain,
                            double p50Micros, double p99Micros, long latencySamples, String note,
                            List<SecondSample> series, List<ClientResult> clients) {

    /** Copies. */
    public LimiterResult {
        series = List.copyOf(series);
        clients = List.copyOf(clients);
    }

    /** {@code maxInWindow / limit}: above 1 means some window saw more than the nominal limit. */
    public double maxInWindowRatio() {
        return (double) maxInWindow / limit;
    }
}
