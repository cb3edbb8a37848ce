package dev.bulwark.util.reconnect;

import dev.bulwark.util.NamedThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reconnect loop: keeps a connection up by running a {@link Session} again and again on a named virtual
 * thread of its own, waiting a {@link Backoff} delay between attempts, and publishing a {@link ConnectionState}
 * (with the countdown to the next attempt) on every change. Never runs on a network library's threads: a library
 * callback only ends the session, and this loop decides when to try again. {@link #reconnectNow()} cuts a wait
 * short; {@link #close()} ends the loop and joins its thread.
 */
public final class ReconnectLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectLoop.class);

    /** One connection's lifetime: connect, call {@code connected} once up, and return or throw when it ends. */
    @FunctionalInterface
    public interface Session {
        /**
         * Connects and serves the connection until it ends.
         *
         * @param connected to be called once the connection is established (resets the state to connected)
         * @throws Exception why the connection failed or ended; its message becomes the state's reason
         */
        void run(Runnable connected) throws Exception;
    }

    /** A failure that must not be retried (a refused configuration): the loop ends in {@code UNREACHABLE}. */
    public static final class PermanentFailure extends Exception {
        public PermanentFailure(String message) {
            super(message);
        }
    }

    /** Waits between attempts; tests pass one that advances a manual clock instead of sleeping. */
    @FunctionalInterface
    public interface Waiter {
        /** Waits {@code delay} unless woken; {@code woken} reports an early wake-up. */
        void await(Duration delay, java.util.function.BooleanSupplier woken) throws InterruptedException;
    }

    private final String name;
    private final Backoff backoff;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Consumer<ConnectionState> listener;
    private final Session session;
    private final Waiter waiter;
    private final ExecutorService thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile ConnectionState state;
    private volatile boolean closed;
    private volatile boolean wakeRequested;
    private volatile boolean started;

    /**
     * @param name     names the loop's thread and its log lines
     * @param backoff  delays between attempts
     * @param clock    time for states, countdowns and the stable-connection reset
     * @param listener receives every state change, on the loop's thread
     * @param session  one connection's lifetime
     */
    public ReconnectLoop(String name, Backoff backoff, Clock clock, Consumer<ConnectionState> listener, Session session) {
        this(name, backoff, clock, () -> ThreadLocalRandom.current().nextDouble(), listener, session, null);
    }

    /** As above, with the jitter's random source and the waiter given (tests); a null waiter waits in real time. */
    public ReconnectLoop(String name, Backoff backoff, Clock clock, DoubleSupplier random,
                         Consumer<ConnectionState> listener, Session session, Waiter waiter) {
        this.name = Objects.requireNonNull(name);
        this.backoff = Objects.requireNonNull(backoff);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
        this.listener = Objects.requireNonNull(listener);
        this.session = Objects.requireNonNull(session);
        this.waiter = waiter != null ? waiter : this::awaitRealTime;
        this.thread = NamedThreads.virtualExecutor("reconnect-" + name.replaceAll("[^A-Za-z0-9._:-]", "_"));
        this.state = new ConnectionState(ConnectionState.Kind.CONNECTING, null, clock.instant(), null);
    }

    /** Starts the loop; once. */
    public void start() {
        if (started) {
            throw new IllegalStateException("reconnect loop " + name + " already started");
        }
        started = true;
        thread.submit(this::loop);
    }

    /** The current state. */
    public ConnectionState state() {
        return state;
    }

    /** Skips the current wait (or the next one, if an attempt is under way): "reconnect now". */
    public void reconnectNow() {
        wakeRequested = true;
        signal();
    }

    private void loop() {
        int failures = 0;
        while (!closed) {
            Instant[] connectedAt = {null};
            String reason;
            try {
                session.run(() -> {
                    connectedAt[0] = clock.instant();
                    publish(new ConnectionState(ConnectionState.Kind.CONNECTED, null, connectedAt[0], null));
                });
                reason = "connection closed";
            } catch (PermanentFailure e) {
                publish(new ConnectionState(ConnectionState.Kind.UNREACHABLE, e.getMessage(), clock.instant(), null));
                LOG.warn("{}: {}; not retrying", name, e.getMessage());
                return;
            } catch (InterruptedException e) {
                if (!closed) {
                    LOG.warn("{}: interrupted, the reconnect loop ends", name);
                }
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                reason = rootMessage(e);
                LOG.debug("{}: attempt ended", name, e);
            }
            if (closed) {
                break;
            }
            Instant now = clock.instant();
            if (connectedAt[0] != null
                    && Duration.between(connectedAt[0], now).compareTo(backoff.resetAfter()) >= 0) {
                failures = 0;
            }
            failures++;
            Duration delay = wakeRequested ? Duration.ZERO : backoff.delay(failures, random);
            publish(new ConnectionState(ConnectionState.Kind.RECONNECTING, reason, now, now.plus(delay)));
            LOG.warn("{}: {}; reconnecting in {} ms", name, reason, delay.toMillis());
            try {
                waiter.await(delay, () -> wakeRequested || closed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            wakeRequested = false;
            if (!closed) {
                publish(new ConnectionState(ConnectionState.Kind.CONNECTING, reason, clock.instant(), null));
            }
        }
        publish(new ConnectionState(ConnectionState.Kind.STOPPED, null, clock.instant(), null));
    }

    private void publish(ConnectionState s) {
        state = s;
        try {
            listener.accept(s);
        } catch (RuntimeException e) {
            LOG.error("{}: state listener failed", name, e);
        }
    }

    private void awaitRealTime(Duration delay, java.util.function.BooleanSupplier woken) throws InterruptedException {
        long end = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            long left;
            while (!woken.getAsBoolean() && (left = end - System.nanoTime()) > 0) {
                wake.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The innermost cause's message (or its class when it has none): what a user can act on. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /**
     * Ends the loop: the current wait ends at once; the session is expected to end when its owner closes the
     * connection (the owner does that before or after calling this). Joins the loop's thread.
     */
    @Override
    public void close() {
        closed = true;
        signal();
        thread.close();
    }
}
