/**
 * In-memory store: {@link dev.bulwark.ratelimit.memory.InMemoryRateLimiter} keeps one small mutable
 * state per key in a {@code ConcurrentHashMap}, locked per key (the greedy token bucket: one compare-and-set),
 * evaluated in exact scaled integers.
 */
package dev.bulwark.ratelimit.memory;
