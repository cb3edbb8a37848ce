/**
 * The rate-limiter lab. {@link dev.bulwark.ratelimit.sim.ScenarioLoader} reads a scenario (YAML or JSON),
 * {@link dev.bulwark.ratelimit.sim.Simulator} offers every request to every limiter configuration and
 * reports per second ({@link dev.bulwark.ratelimit.sim.SimulationListener}) and in total
 * ({@link dev.bulwark.ratelimit.sim.SimulationResult}). Each second of each limiter breaks out its busiest
 * clients plus an "other clients" bucket ({@link dev.bulwark.ratelimit.sim.SecondSample#topClients()}); a
 * stopped run ends with a {@link dev.bulwark.ratelimit.sim.SimulationStoppedException} carrying the figures
 * reached.
 *
 * <pre>{@code
 * name: login-api            # label
 * seed: 42                   # virtual-time runs are reproducible for a seed
 * duration: 120s             # 1s, 500ms, 2m, 1h, PT2M or plain seconds
 * clients:                   # one or more groups; rates are requests/s per client
 *   - name: users
 *     count: 50
 *     key: per-client        # per-client | shared | groups:N
 *     traffic: {type: poisson, rate: 2}
 *     operations: {read: 9, export: 1}       # weighted mix, priced by the cost rules
 *   - name: scraper
 *     traffic: {type: onoff, rate: 200, on: 2s, off: 8s}
 *   # other traffic: {type: constant, rate: R}, {type: ramp, from: A, to: B},
 *   #   {type: spike, rate: R, peak: P, at: 30s, length: 5s},
 *   #   {type: replay, file: access.log, keyBy: ip|user, speed: 1}   (common/combined log format;
 *   #   file relative to the scenario; operation = first path segment)
 * costs:
 *   default: 1
 *   rules:                   # first match wins
 *     - {operation: export, cost: 10}
 *     - {pathPrefix: /api/export, cost: 10}
 * limiters:                  # compared on identical traffic
 *   - {name: tb, strategy: token-bucket, capacity: 20, rate: 10, period: 1s}   # refill: greedy|interval
 *   - {name: gcra, strategy: gcra, burst: 20, rate: 10, period: 1s}
 *   - {name: leaky, strategy: leaky-bucket, capacity: 20, rate: 10, period: 1s}
 *   - {name: fixed, strategy: fixed-window, limit: 10, window: 1s}
 *   - {name: sliding, strategy: sliding-window, limit: 10, window: 1s}
 *   - {name: log, strategy: sliding-log, limit: 10, window: 1s}
 * }</pre>
 *
 * <p>Results per limiter: offered, allowed, rejected; {@code maxInWindow}, the largest cost allowed for
 * one key in any window of the limiter's period (exposes the fixed-window boundary burst, which the
 * note then explains); Jain's fairness index over the clients' satisfaction (allowed / offered); decision
 * latency p50/p99 (every decision in real time, one in 16 in virtual time).
 */
package dev.bulwark.ratelimit.sim;
