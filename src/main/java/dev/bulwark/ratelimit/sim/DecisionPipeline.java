package dev.bulwark.ratelimit.sim;

import dev.bulwark.ratelimit.AsyncRateLimiter;
import dev.bulwark.ratelimit.Decision;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Real-time decisions on a remote store issued without waiting for each answer: a sequential loop stalls a
 * round trip per decision and falls behind schedule at a few thousand decisions a second. Up to
 * {@link #MAX_IN_FLIGHT} decisions are in flight; their answers are taken in the order they were issued, on
 * the simulation's thread, so the single-threaded metrics see the same sequence as a sequential run.
 * Per-key order holds at the store: the Redis store pipelines commands on one connection per server, which
 * runs them in the order sent (see {@code RedisStore}); on a Redis Cluster, only while a slot moves may a
 * redirected decision run after a later one on its key, each still atomic. Latency is measured from issue to
 * answer.
 */
final class DecisionPipeline {
    /**
     * Enough to keep a local Redis busy (about 20 us a script: 512 in flight queue ~10 ms), few enough that a
     * run that outpaces the store waits here, and reports the lag, rather than letting commands time out.
     */
    static final int MAX_IN_FLIGHT = 512;

    /** Where an answered decision goes, in issue order. */
    @FunctionalInterface
    interface Sink {
        void accept(Pending p, Decision d);
    }

    /** One decision in flight and what the metrics need of its request. */
    static final class Pending {
        final int limiter;
        final int client;
        final int key;
        final long cost;
        final long time;
        final long issuedNanos;
        final CompletableFuture<Decision> answer;
        volatile long answeredNanos;

        Pending(int limiter, int client, int key, long cost, long time, long issuedNanos,
                CompletableFuture<Decision> answer) {
            this.limiter = limiter;
            this.client = client;
            this.key = key;
            this.cost = cost;
            this.time = time;
            this.issuedNanos = issuedNanos;
            this.answer = answer;
        }

        long latencyNanos() {
            return answeredNanos - issuedNanos;
        }
    }

    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final Sink sink;

    DecisionPipeline(Sink sink) {
        this.sink = sink;
    }

    /** Issues one decision; takes the answers already in, and waits for the oldest when the window is full. */
    void issue(AsyncRateLimiter limiter, int limiterIndex, String keyName, int client, int key, long cost,
               long time) {
        long issued = System.nanoTime();
        CompletableFuture<Decision> f = limiter.tryAcquireAsync(keyName, cost).toCompletableFuture();
        Pending p = new Pending(limiterIndex, client, key, cost, time, issued, f);
        if (f.isDone()) {
            p.answeredNanos = System.nanoTime();
        } else {
            f.whenComplete((d, e) -> p.answeredNanos = System.nanoTime());
        }
        inFlight.addLast(p);
        if (inFlight.size() >= MAX_IN_FLIGHT) {
            take(inFlight.pollFirst());
        }
        takeAnswered();
    }

    /** Takes the answers that are in, in issue order, stopping at the first still outstanding. */
    void takeAnswered() {
        Pending p;
        while ((p = inFlight.peekFirst()) != null && p.answer.isDone() && p.answeredNanos != 0) {
            take(inFlight.pollFirst());
        }
    }

    /** Waits for every decision in flight (each is bounded by the store's timeout) and takes them all. */
    void drain() {
        Pending p;
        while ((p = inFlight.pollFirst()) != null) {
            take(p);
        }
    }

    private void take(Pending p) {
        // completes normally: async limiters answer store failures with a decision (their fail mode)
        Decision d = p.answer.join();
        while (p.answeredNanos == 0) {
            Thread.onSpinWait();  // the timestamp callback runs right after completion
        }
        sink.accept(p, d);
    }
}
