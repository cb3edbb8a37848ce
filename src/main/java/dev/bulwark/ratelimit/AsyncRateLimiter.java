package dev.bulwark.ratelimit;

import java.util.concurrent.CompletionStage;

/** Non-blocking variants for remote stores; each stage completes with a decision, never exceptionally. */
public interface AsyncRateLimiter extends RateLimiter {

    /** Async {@link #tryAcquire(String, long)}. */
    CompletionStage<Decision> tryAcquireAsync(String key, long cost);

    /** Async {@link #peek(String, long)}. */
    CompletionStage<Decision> peekAsync(String key, long cost);

    /** Async {@link #peek(String)}. */
    default CompletionStage<Decision> peekAsync(String key) {
        return peekAsync(key, 1);
    }

    /** Async {@link #reset(String)}. */
    CompletionStage<Void> resetAsync(String key);
}
