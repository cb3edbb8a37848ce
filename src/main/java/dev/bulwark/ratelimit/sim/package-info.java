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
 *     # capacity, limit and burst are synonyms, as are rate and tokens, and period and window
 *   - {name: gcra, strategy: gcra, burst: 20, rate: 10, period: 1s}
 *   - {name: leaky, strategy: leaky-bucket, capacity: 20, rate: 10, period: 1s}
 *   - {name: fixed, strategy: fixed-window, limit: 10, window: 1s}
 *   - {name: sliding, strategy: sliding-window, limit: 10, window: 1s}
 *   - {name: log, strategy: sliding-log, limit: 10, window: 1s}
 * }</pre>
 *
 * <p>Limits ({@link dev.bulwark.ratelimit.sim.ScenarioLimits}), checked when the scenario is loaded; a scenario
 * over any of them is refused with the field and the limit named (the CLI exits 2, the lab marks the field):
 * <ul>
 *   <li>{@code duration}: at most 7 days (168h);</li>
 *   <li>every traffic rate ({@code rate}, {@code peak}, {@code from}, {@code to}): at most 1,000,000 requests/s
 *       per client;</li>
 *   <li>{@code count}: at most 50,000 clients, in one group and in all groups together;</li>
 *   <li>requests offered: at most 1,000,000,000, estimated as count x mean rate x duration summed over the
 *       synthetic groups (a replay offers its log's lines);</li>
 *   <li>{@code limiters}: at most 10; the sliding logs among them remember every request they allowed within
 *       their window, at most 5,000,000 together (estimated as the peak request rate x the window, or keys x
 *       limit if smaller);</li>
 *   <li>{@code costs.default} and each rule's {@code cost}: at most 1,000,000;</li>
 *   <li>the scenario file: at most 1 MB of UTF-8 (invalid bytes are reported with their line and column); a
 *       replayed access log: at most 256 MB.</li>
 * </ul>
 * Memory is bounded by these limits, not by the duration: each limiter's series in the result keeps at most
 * 3,600 points (a longer run merges neighbouring seconds, so each point covers 2, 4, 8, ... seconds,
 * {@link dev.bulwark.ratelimit.sim.SecondSample#seconds()}), and {@code maxInWindow} keeps up to 4,000,000 allowed
 * requests exactly, all limiters together, then measures in slices of the window (an upper bound). Legal but large runs report progress
 * ({@link dev.bulwark.ratelimit.sim.SimulationListener#onProgress}) and stop when their thread is interrupted.
 *
 * <p>Results per limiter: offered, allowed, rejected; {@code maxInWindow}, the largest cost allowed for
 * one key in any window of the limiter's period (exposes the fixed-window boundary burst, which the
 * note then explains); Jain's fairness index over the clients' satisfaction (allowed / offered); decision
 * latency p50/p99 (every decision in real time, one in 16 in virtual time).
 */
package dev.bulwark.ratelimit.sim;
