package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The greedy token bucket in one word. With the rate reduced to {@code R} tokens per {@code P} ns, one token
 * is {@code P} units and a nanosecond refills {@code R} units (the exact integer arithmetic of
 * {@link LockFreeTokenBucket}); the whole state is the scaled instant at which the bucket is full again,
 * {@code fullAt}, on a clock that ticks {@code R} units a nanosecond: at time {@code t} the bucket misses
 * {@code max(0, fullAt - t·R)} units, and taking {@code need} units moves it to
 * {@code max(fullAt, t·R) + need} (GCRA's theoretical arrival time, in other words). Rates whose token takes
 * whole nanoseconds have {@code R = 1}; 3/s has {@code R = 3, P = 10⁹}, so no sub-nanosecond remainder is ever
 * rounded. A decision is one compare-and-set of a {@code long} in place: no snapshot allocated per decision, no
 * pointer to chase to a snapshot written by another core, no GC write barrier: what two threads on one hot key
 * paid for.
 *
 * <p>The word holds {@code fullAt << 1 | removed}; scaled instants are compared only by differences modulo
 * 2<sup>63</sup>, so any clock origin works (System.nanoTime may be negative). With {@code R = 1} decisions are
 * exact while a key's readings stay within 2<sup>62</sup> ns (146 years) of each other; a key idle longer may
 * be read as partly drained: stricter, never over-granting.
 *
 * <p>Like every state here, a decision is evaluated at {@code max(now, last)} where {@code last} is the
 * latest instant a grant was evaluated at, so a clock that goes backwards never grants extra and the wait is
 * counted on the caller's clock. With {@code R = 1}, {@code last} sits beside the word and is written after the
 * grant with a plain (opaque) store: between two racing grants it can briefly lag behind the word, which only
 * evaluates a decision at an earlier instant, with less refilled: stricter, never extra.
 *
 * <p>With {@code R > 1} the scaled clock would wrap after 2<sup>62</sup>/R ns of idle time, so a key idle
 * longer than it takes to refill completely is read as full without looking at the word. That needs
 * {@code last} to be at least the instant of whatever word is read: a grant raises {@code last} (a monotonic
 * maximum, by compare-and-set) before it swaps the word, and a decision reads the word before {@code last}.
 * Then {@code now - last >= capacity / rate} proves the bucket full; otherwise the word is within a refill of
 * {@code last} (plus however long a racing thread was stalled holding its reading, times {@code R}: {@link #fits}
 * takes {@code R} up to {@value #MAX_SCALE}, so it would take weeks) and its difference is exact.
 *
 * <p>Single-threaded, every decision is exactly {@link LockFreeTokenBucket}'s. Rejections and peeks write
 * nothing.
 */
final class PackedTokenBucket implements Slot {
    private static final long REMOVED = 1L;
    /** Largest {@code R} taken: the scaled clock wraps after 2^62 / 1024 ns, 52 days (see the class comment). */
    static final long MAX_SCALE = 1024;
    /** Largest capacity in units: any sum of a missing amount and a cost stays far from overflow. */
    private static final long MAX_UNITS = 1L << 60;
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
    private final long perNano;
    private final long capUnits;
    /** How long an empty bucket takes to refill completely ({@code R > 1} only). */
    private final long fullRefillNanos;
    /** {@code fullAt << 1 | removed}; only changed by compare-and-set. */
    private volatile long word;
    /** Latest instant a grant was evaluated at; read as a volatile, written opaque (no fence) after the grant. */
    private volatile long last;

    PackedTokenBucket(LimitConfig c, long now) {
        if (!fits(c)) {
            throw new IllegalArgumentException("the rate reduces to more than " + MAX_SCALE
                    + " tokens per whole period, or the capacity is too large to pack: " + c.describe());
        }
        this.capacity = c.capacity();
        this.unit = c.ratePeriodNanos();
        this.perNano = c.rateTokens();
        this.capUnits = capacity * unit;
        this.fullRefillNanos = KeyState.ceilDiv(capUnits, perNano);
        this.last = now;
        this.word = (now * perNano) << 1;
    }

    /**
     * True when {@code c}'s rate reduces to at most {@value #MAX_SCALE} tokens per whole number of nanoseconds
     * (10/s, 1,000/min, 3/s, 7/min...) and its capacity in units packs.
     */
    static boolean fits(LimitConfig c) {
        long r = c.rateTokens();
        long p = c.ratePeriodNanos();
        return r >= 1 && r <= MAX_SCALE && Math.multiplyHigh(c.capacity(), p) == 0 && c.capacity() * p >= 0
                && c.capacity() * p <= MAX_UNITS;
    }

    private long tokens(long units) {
        return unit == 1 ? units : units / unit;
    }

    /** Nanoseconds to refill {@code units}, rounded up. */
    private long nanosFor(long units) {
        return perNano == 1 ? units : KeyState.ceilDiv(units, perNano);
    }

    /** {@code fullAt - t·R} from a word, exact while the two are within 2^62 units. */
    private long missingAt(long w, long t) {
        return (w - ((t * perNano) << 1)) >> 1;
    }

    /**
     * Units missing at {@code at}, given {@code seen}, the {@code last} read after the word: for {@code R > 1}
     * a bucket left for a full refill time is full whatever the (possibly wrapped) word says.
     */
    private long missing(long w, long at, long seen) {
        if (perNano != 1 && at - seen >= fullRefillNanos) {
            return 0;
        }
        return Math.max(0, missingAt(w, at));
    }

    /** Raises {@code last} to {@code at} unless it is later already (R > 1: before the word changes). */
    private void raiseLast(long at) {
        long l;
        while ((l = last) - at < 0 && !LAST.compareAndSet(this, l, at)) {
            Thread.onSpinWait();
        }
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
            long missing = missing(w, at, seen);
            // never negative single-threaded; between racing grants, last may lag: see the class comment
            long balance = capUnits - missing;
            if (balance < need) {
                return Decision.reject(tokens(Math.max(0, balance)), nanosFor(need - balance) + behind,
                        nanosFor(missing) + behind, capacity);
            }
            if (!commit) {
                return Decision.allow(tokens(balance), nanosFor(missing) + behind, capacity);
            }
            // compareAndSet and a fresh read on failure: measured faster than compareAndExchange's witness, with C2
            // and more so with the launcher's C1-only JIT
            if (perNano != 1) {
                raiseLast(at);
            }
            if (WORD.compareAndSet(this, w, (at * perNano + missing + need) << 1)) {
                if (perNano == 1 && at - seen > 0) {
                    LAST.setOpaque(this, at);
                }
                return Decision.allow(tokens(balance - need), nanosFor(missing + need) + behind, capacity);
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
            long seen = last;
            boolean idle = now - seen >= 0 && missing(w, now, seen) == 0;
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
