package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The greedy token bucket in one word, for rates where a token takes a whole number of nanoseconds (the rate
 * reduces to one token per {@code unit} ns: 10/s, 1,000/min, 10⁹/s...). Its whole state is the instant at
 * which the bucket is full again, {@code fullAt}: at time {@code t} the bucket misses
 * {@code max(0, fullAt - t)} units (one unit per nanosecond, a token is {@code unit} units), and taking
 * {@code need} units moves it to {@code max(fullAt, t) + need}. That is the same exact integer arithmetic as
 * {@link LockFreeTokenBucket} (GCRA's theoretical arrival time, in other words), but a decision is one
 * compare-and-set of a {@code long} in place: no snapshot allocated per decision, no pointer to chase to a
 * snapshot written by another core, no GC write barrier: what two threads on one hot key paid for.
 *
 * <p>The word holds {@code fullAt << 1 | removed}; instants are compared only by differences modulo
 * 2<sup>63</sup>, so any clock origin works (System.nanoTime may be negative) and decisions are exact while
 * a key's readings stay within 2<sup>62</sup> ns (146 years) of each other. A key idle longer than that may
 * be read as partly drained: stricter, never over-granting.
 *
 * <p>Like every state here, a decision is evaluated at {@code max(now, last)} where {@code last} is the
 * latest instant a grant was evaluated at, so a clock that goes backwards never grants extra and the wait is
 * counted on the caller's clock. {@code last} sits beside the word and is written after the grant with a
 * plain (opaque) store: between two racing grants it can briefly lag behind the word, which only evaluates a
 * decision at an earlier instant, with less refilled: stricter, never extra. Single-threaded, every decision
 * is exactly {@link LockFreeTokenBucket}'s. Rejections and peeks write nothing.
 */
final class PackedTokenBucket implements Slot {
    private static final long REMOVED = 1L;
    private static final VarHandle WORD;
    private static final VarHandle LAST;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WORD = l.findVarHandle(PackedTokenBucket.class, "word", long.class);
            LAST = l.findVarHandle(PackedTokenBucket.class, "last", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long capacity;
    private final long unit;
    private final long capUnits;
    /** {@code fullAt << 1 | removed}; only changed by compare-and-set. */
    private volatile long word;
    /** Latest instant a grant was evaluated at; read as a volatile, written opaque (no fence) after the grant. */
    private volatile long last;

    PackedTokenBucket(LimitConfig c, long now) {
        if (!fits(c)) {
            throw new IllegalArgumentException("a token must take a whole number of nanoseconds: " + c.describe());
        }
        this.capacity = c.capacity();
        this.unit = c.ratePeriodNanos();
        this.capUnits = capacity * unit;
        this.last = now;
        this.word = now << 1;
    }

    /** True when {@code c}'s rate is one token per whole number of nanoseconds. */
    static boolean fits(LimitConfig c) {
        return c.rateTokens() == 1;
    }

    private long tokens(long units) {
        return unit == 1 ? units : units / unit;
    }

    /** {@code fullAt - t} from a word, exact while the two are within 2^62 ns. */
    private static long missingAt(long w, long t) {
        return (w - (t << 1)) >> 1;
    }

    @Override
    public Decision decide(long now, long cost, boolean commit) {
        long need = cost * unit;
        while (true) {
            long w = word;
            if ((w & REMOVED) != 0) {
                return null;
            }
            long seen = last;
            long behind = Math.max(0, seen - now);
            long at = now + behind;
            long missing = Math.max(0, missingAt(w, at));
            // never negative single-threaded; between racing grants, last may lag: see the class comment
            long balance = capUnits - missing;
            if (balance < need) {
                return Decision.reject(tokens(Math.max(0, balance)), need - balance + behind, missing + behind,
                        capacity);
            }
            if (!commit) {
                return Decision.allow(tokens(balance), missing + behind, capacity);
            }
            // compareAndSet and a fresh read on failure: measured faster than compareAndExchange's witness, with C2
            // and more so with the launcher's C1-only JIT
            if (WORD.compareAndSet(this, w, (at + missing + need) << 1)) {
                if (at - seen > 0) {
                    LAST.setOpaque(this, at);
                }
                return Decision.allow(tokens(balance - need), missing + need + behind, capacity);
            }
            // lost the race: decide again on the winner's state
        }
    }

    @Override
    public boolean evictIfIdle(long now) {
        while (true) {
            long w = word;
            if ((w & REMOVED) != 0) {
                return true;
            }
            boolean idle = now - last >= 0 && missingAt(w, now) <= 0;
            if (!idle) {
                return false;
            }
            if (WORD.compareAndSet(this, w, w | REMOVED)) {
                return true;
            }
        }
    }

    @Override
    public void evict() {
        while (true) {
            long w = word;
            if ((w & REMOVED) != 0 || WORD.compareAndSet(this, w, w | REMOVED)) {
                return;
            }
        }
    }

    @Override
    public long lastSeen() {
        return last;
    }
}
