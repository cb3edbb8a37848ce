package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.Reason;
import dev.bulwark.ratelimit.TimeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread-safe in-memory store. Keys live in a {@link ConcurrentHashMap}; each key's state is guarded by
 * its own monitor, or for the greedy token bucket updated by compare-and-set ({@link PackedTokenBucket},
 * {@link LockFreeTokenBucket}), so different keys never contend. The map is bounded: when it grows past
 * {@code maxKeys}, keys whose state has returned to "full" are dropped (which changes no decision); if
 * that is not enough, the least recently used keys are dropped too and counted in
 * {@link #forcedEvictions()} (those keys start over with a full allowance).
 */
public final class InMemoryRateLimiter implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryRateLimiter.class);

    private final LimitConfig config;
    private final TimeSource time;
    private final StateFactory factory;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Slot> states = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final AtomicLong forced = new AtomicLong();

    /** A store holding at most about {@code maxKeys} keys. */
    public InMemoryRateLimiter(LimitConfig config, TimeSource time, int maxKeys) {
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.factory = StateFactory.of(config);
    }

    /** A store bounded to one million keys. */
    public InMemoryRateLimiter(LimitConfig config, TimeSource time) {
        this(config, time, 1_000_000);
    }

    @Override
    public Decision tryAcquire(String key, long cost) {
        return decide(key, cost, true);
    }

    @Override
    public Decision peek(String key, long cost) {
        return decide(key, cost, false);
    }

    private Decision decide(String key, long cost, boolean commit) {
        Objects.requireNonNull(key, "key");
        if (cost < 1 || cost > config.capacity()) {
            return unusualCost(key, cost);
        }
        long now = time.nanos();
        // fast path, kept small so it inlines: the key exists and was not evicted meanwhile
        Slot s = states.get(key);
        if (s != null) {
            Decision d = s.decide(now, cost, commit);
            if (d != null) {
                return d;
            }
        }
        return slowPath(key, cost, commit, now);
    }

    private Decision unusualCost(String key, long cost) {
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1, was " + cost);
        }
        Decision d = decide(key, 1, false);
        return new Decision(false, d.remaining(), Decision.NEVER, d.resetAfterNanos(), config.capacity(),
                Reason.COST_EXCEEDS_CAPACITY);
    }

    private Decision slowPath(String key, long cost, boolean commit, long now) {
        while (true) {
            Slot s = states.get(key);
            if (s == null) {
                if (!commit) {
                    return factory.create(now).decide(now, cost, false);
                }
                s = factory.create(now);
                Slot prev = states.putIfAbsent(key, s);
                if (prev != null) {
                    s = prev;
                } else if (states.size() > maxKeys) {
                    sweep();
                }
            }
            Decision d = s.decide(now, cost, commit);
            if (d != null) {
                return d;
            }
            // evicted between lookup and decision: the map no longer holds it, look again
        }
    }

    @Override
    public void reset(String key) {
        Slot s = states.remove(Objects.requireNonNull(key, "key"));
        if (s != null) {
            s.evict();
        }
    }

    @Override
    public LimitConfig config() {
        return config;
    }

    /** Number of keys currently held. */
    public int size() {
        return states.size();
    }

    /** Keys dropped before their allowance had fully recovered, because the store was full. */
    public long forcedEvictions() {
        return forced.get();
    }

    /**
     * Drops keys whose allowance has fully recovered; if still above the bound, drops the least recently
     * used ones. Called automatically when the map grows past the bound; may also be scheduled.
     */
    public void sweep() {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            long now = time.nanos();
            for (Map.Entry<String, Slot> e : states.entrySet()) {
                Slot s = e.getValue();
                if (s.evictIfIdle(now)) {
                    states.remove(e.getKey(), s);
                }
            }
            // still nearly full after dropping idle keys: make room now rather than sweep on every insert
            if (states.size() > maxKeys * 9L / 10) {
                evictLeastRecentlyUsed((int) (states.size() - maxKeys * 8L / 10));
            }
        } finally {
            sweeping.unlock();
        }
    }

    private void evictLeastRecentlyUsed(int count) {
        List<Map.Entry<String, Slot>> all = new ArrayList<>(states.entrySet());
        all.sort(Comparator.comparingLong(e -> e.getValue().lastSeen()));
        int n = 0;
        for (Map.Entry<String, Slot> e : all) {
            if (n >= count) {
                break;
            }
            Slot s = e.getValue();
            s.evict();
            if (states.remove(e.getKey(), s)) {
                n++;
            }
        }
        forced.addAndGet(n);
        LOG.warn("rate limiter '{}' full ({} keys max): dropped {} least recently used keys before they recovered",
                config.name(), maxKeys, n);
    }
}
