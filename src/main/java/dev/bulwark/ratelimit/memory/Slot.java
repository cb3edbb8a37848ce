package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;

/** One key's state as the store sees it: thread-safe, and retired for good once evicted. */
interface Slot {

    /** Decides a request whose cost is within capacity; null if this slot was evicted (look the key up again). */
    Decision decide(long now, long cost, boolean commit);

    /** Retires the slot if it is back to a fresh state at {@code now}; true if it is retired. */
    boolean evictIfIdle(long now);

    /** Retires the slot unconditionally. */
    void evict();

    /** The latest time the slot has seen, for least-recently-used eviction. */
    long lastSeen();
}
