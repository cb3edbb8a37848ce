/**
 * The rate-limiter core. UI-free: no {@code javafx.*}, no dependency on {@code ui}, {@code app} or {@code cli}.
 *
 * <p>{@link dev.bulwark.ratelimit.RateLimiter} is the port: {@code tryAcquire(key, cost)} returns a
 * {@link dev.bulwark.ratelimit.Decision} {@code {allowed, remaining, retryAfter, resetAfter, limit, reason}};
 * {@code peek} and {@code reset} complete it, and {@link dev.bulwark.ratelimit.AsyncRateLimiter} adds
 * {@code CompletionStage} variants for remote stores. A {@link dev.bulwark.ratelimit.LimitConfig} picks one
 * of the {@link dev.bulwark.ratelimit.Algorithm}s; {@link dev.bulwark.ratelimit.CostRules} price requests.
 *
 * <p>Guarantees, for every strategy and store: rejected requests consume nothing; a cost above the
 * capacity is rejected with {@link dev.bulwark.ratelimit.Reason#COST_EXCEEDS_CAPACITY}; keys are
 * isolated; a clock that goes backwards never grants extra; idle time of any length cannot overflow;
 * {@code retryAfter} is exact (waiting that long succeeds, one nanosecond less does not). All arithmetic
 * is integer: rates are exact ratios reduced by their gcd, never floating point.
 *
 * <p>Adapters: {@code memory} (this process, bounded, evicts idle keys) and {@code redis} (Lettuce, one
 * atomic Lua script per decision on the server's clock). {@code sim} is the lab: scenario files,
 * synthetic and replayed traffic, per-second results for live charts.
 */
package dev.bulwark.ratelimit;
