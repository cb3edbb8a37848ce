package dev.bulwark.ratelimit.sim;

/**
 * One client's totals under one limiter.
 *
 * @param client   client name (group#index, or IP/user for replays)
 * @param offered  requests offered
 * @param allowed  requests allowed
 */
public record ClientResult(String client, long offered, long allowed) {
}
