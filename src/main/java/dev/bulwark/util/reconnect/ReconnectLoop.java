package dev.bulwark.util.reconnect;

import dev.bulwark.util.Errors;
import dev.bulwark.util.NamedThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reconnect loop: keeps a connection up by running a {@link Session} again and again on a named virtual
 * thread of its own, waiting a {@link Backoff} delay between attempts, and publishing a {@link ConnectionState}
 * (with the countdown to the next attempt) on every change. Never runs on a network library's threads: a library
 * callback only ends the session, and this loop decides when to try again. {@link #reconnectNow()} cuts a wait
 * short; {@link #close(Runnable)} ends the loop and joins its thread.
 *
 * <p>States: {@code CONNECTING} (the first attempt, or a retry carrying the last failure as its reason) →
 * {@code CONNECTED} → {@code RECONNECTING} (with {@code nextAttemptAt}) → {@code CONNECTING} … ; a
 * {@link PermanentFailure} ends in {@code UNREACHABLE}; {@link #close()} ends in {@code STOPPED}.
 */
public final class ReconnectLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectLoop.class);

    /** One connection's lifetime: connect, call {@code connected} once up, and return or throw when it ends. */
    @FunctionalInterface
    public interface Session {
        /**
         * Connects and serves the connection until it ends. Its owner ends it on close (by closing the
         * connection), so that {@link ReconnectLoop#close()} can join the loop.
         *
         * @param connected to be called once the connection is established (publishes {@code CONNECTED})
         * @throws PermanentFailure when retrying cannot help: the loop ends in {@code UNREACHABLE}
         * @throws Exception        why the connection failed or ended; its root message becomes the state's reason
         */
        void run(Runnable connected) throws Exception;
    }

    /** A failure that must not be retried (a refused configuration): the loop ends in {@code UNREACHABLE}. */
    public static final class PermanentFailure extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param message the reason shown with {@code UNREACHABLE} */
        public PermanentFailure(String message) {
            super(message);
        }

        /** @param message the reason shown with {@code UNREACHABLE}; {@code cause} is kept for the log */
        public PermanentFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Waits between attempts; tests pass one that advances a manual clock instead of sleeping. */
    @FunctionalInterface
    public interface Waiter {
        /**
         * Waits {@code delay} unless woken first.
         *
         * @param woken true once the wait should end early ({@link #reconnectNow()} or {@link #close()})
         */
        void await(Duration delay, BooleanSupplier woken) throws InterruptedException;
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
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile ConnectionState state;
    private volatile boolean closed;
    private volatile boolean wakeRequested;

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

    /**
     * As above, with the jitter's random source and the waiter given (tests).
     *
     * @param random uniform draws in {@code [0, 1)} for the backoff's jitter
     * @param waiter waits between attempts; null waits in real time
     */
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
        this.state = ConnectionState.connecting(null, clock.instant());
    }

    /** Starts the loop; once, and not after {@link #close()}. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("reconnect loop " + name + " already started or closed");
        }
        thread.execute(this::run);
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

    private void run() {
        try {
            attempts();
        } catch (RuntimeException | Error e) {
            // Session failures are caught per attempt, so only a bug (in a waiter, say) gets here: show it
            // in the state and the log instead of leaving the connection silently frozen.
            LOG.error("{}: the reconnect loop failed", name, e);
            publish(ConnectionState.unreachable("internal error: " + Errors.rootMessage(e), clock.instant()));
            throw e;
        }
    }

    private void attempts() {
        int failures = 0;
        String reason = null;
        while (!closed) {
            publish(ConnectionState.connecting(reason, clock.instant()));
            Instant[] connectedAt = {null};
            try {
                session.run(() -> {
                    connectedAt[0] = clock.instant();
                    publish(ConnectionState.connected(connectedAt[0]));
                });
                reason = "connection closed";
            } catch (PermanentFailure e) {
                LOG.warn("{}: {}; not retrying", name, e.getMessage());
                LOG.debug("{}: permanent failure", name, e);
                publish(ConnectionState.unreachable(e.getMessage(), clock.instant()));
                return;
            } catch (InterruptedException e) {
                if (!closed) {
                    LOG.warn("{}: interrupted, the reconnect loop ends", name);
                }
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                reason = Errors.rootMessage(e);
                LOG.debug("{}: attempt ended", name, e);
            }
            if (closed) {
                break;
            }
            Instant now = clock.instant();
            // Forget earlier failures only after a connection that lasted: a server that accepts and drops at
            // once must still be backed off from.
            if (connectedAt[0] != null
                    && Duration.between(connectedAt[0], now).compareTo(backoff.resetAfter()) >= 0) {
                failures = 0;
            }
            failures++;
            Duration delay = wakeRequested ? Duration.ZERO : backoff.delay(failures, random);
            publish(ConnectionState.reconnecting(reason, now, now.plus(delay)));
            LOG.warn("{}: {}; reconnecting in {} ms", name, reason, delay.toMillis());
            try {
                waiter.await(delay, () -> wakeRequested || closed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            wakeRequested = false;
        }
        publish(ConnectionState.stopped(clock.instant()));
    }

    private void publish(ConnectionState s) {
        state = s;
        try {
            listener.accept(s);
        } catch (RuntimeException e) {
            LOG.error("{}: state listener failed", name, e);
        }
    }

    private void awaitRealTime(Duration delay, BooleanSupplier woken) throws InterruptedException {
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

    /**
     * Ends the loop: the current wait ends at once; the running session must end by itself or be ended by its
     * owner first (closing its connection). Joins the loop's thread; the state is then {@code STOPPED} (or stays
     * {@code UNREACHABLE} if the loop had already ended that way). A loop never started is {@code STOPPED} at once.
     */
    @Override
    public void close() {
        close(() -> { });
    }

    /**
     * As {@link #close()}, but marks the loop closed before running {@code endSession} (which closes the
     * connection so the running session returns): a session ended that way is not taken for a lost connection,
     * so no {@code RECONNECTING} is published or logged on the way out.
     */
    public void close(Runnable endSession) {
        closed = true;
        signal();
        try {
            endSession.run();
        } finally {
            if (started.compareAndSet(false, true)) {
                publish(ConnectionState.stopped(clock.instant()));
            }
            thread.close();
        }
    }
}
