/**
 * Recommending limits from an access log ({@code bulwark ratelimit recommend}, and the lab's "Recommend from
 * log…"): {@link dev.bulwark.ratelimit.recommend.LimitRecommender} streams a common or combined log
 * ({@link dev.bulwark.ratelimit.recommend.LogScanner}, plain or gzip) through the filters, keys and a bounded
 * reorder buffer into a one-pass per-key profile (window maxima, clock-aligned window counts, sliding-window
 * estimates, bucket deficits per rate); {@link dev.bulwark.ratelimit.recommend.Recommender} reads the smallest
 * parameters per strategy off it for a target share of keys; the log is then replayed through the real in-memory
 * limiters at those parameters and at one unit less to prove them met and tight;
 * {@link dev.bulwark.ratelimit.recommend.LimitExports} renders the chosen limit for Envoy, NGINX, Bucket4j or as
 * a Bulwark scenario. No UI here: the CLI and the lab share this core.
 */
package dev.bulwark.ratelimit.recommend;
