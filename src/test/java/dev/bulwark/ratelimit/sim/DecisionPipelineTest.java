package dev.bulwark.ratelimit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.AsyncRateLimiter;
import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.LimitConfig;
import dev.bulwark.ratelimit.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The pipeline's contract, with answers that arrive out of order (pure logic, so a fake store). */
class DecisionPipelineTest {

    /** Answers only when told to, in any order. */
    private static final class Deferred implements AsyncRateLimiter {
        final List<CompletableFuture<Decision>> asked = new ArrayList<>();

        @Override
        public CompletionStage<Decision> tryAcquireAsync(String key, long cost) {
            CompletableFuture<Decision> f = new CompletableFuture<>();
            asked.add(f);
            return f;
        }

        @Override
        public CompletionStage<Decision> peekAsync(String key, long cost) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Void> resetAsync(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Decision tryAcquire(String key, long cost) {
            throw new UnsupportedOperationException("the pipeline must not block per decision");
        }

        @Override
        public Decision peek(String key, long cost) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void reset(String key) {
        }

        @Override
        public LimitConfig config() {
            return LimitConfig.tokenBucket("x", 1, 1, Duration.ofSeconds(1));
        }
    }

    private static Decision answer(long remaining) {
        return new Decision(true, remaining, 0, 0, 10, Reason.ALLOWED);
    }

    @Test
    void answersAreTakenInIssueOrderWhateverOrderTheyArriveIn() {
        Deferred l = new Deferred();
        List<Long> taken = new ArrayList<>();
        DecisionPipeline p = new DecisionPipeline((pending, d) -> taken.add(d.remaining()));
        for (int i = 0; i < 5; i++) {
            p.issue(l, 0, "k", 0, 0, 1, i);
        }
        l.asked.get(4).complete(answer(4));
        l.asked.get(2).complete(answer(2));
        p.takeAnswered();
        assertThat(taken).as("the oldest is still out: nothing may be taken").isEmpty();
        l.asked.get(0).complete(answer(0));
        p.takeAnswered();
        assertThat(taken).containsExactly(0L);
        l.asked.get(1).complete(answer(1));
        p.takeAnswered();
        assertThat(taken).containsExactly(0L, 1L, 2L);
        l.asked.get(3).complete(answer(3));
        p.drain();
        assertThat(taken).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aFullWindowWaitsForTheOldest() {
        Deferred l = new Deferred();
        List<Long> taken = new ArrayList<>();
        DecisionPipeline p = new DecisionPipeline((pending, d) -> taken.add(pending.time));
        for (int i = 0; i < DecisionPipeline.MAX_IN_FLIGHT - 1; i++) {
            p.issue(l, 0, "k", 0, 0, 1, i);
        }
        l.asked.getFirst().complete(answer(0));
        // the window is full with this one: the oldest (answered) is taken, the rest stay in flight
        p.issue(l, 0, "k", 0, 0, 1, DecisionPipeline.MAX_IN_FLIGHT - 1);
        assertThat(taken).containsExactly(0L);
        l.asked.forEach(f -> f.complete(answer(1)));
        p.drain();
        assertThat(taken).hasSize(DecisionPipeline.MAX_IN_FLIGHT);
        assertThat(taken).isSorted();
    }
}
