package dev.bulwark.gateway.server;

import java.util.concurrent.atomic.LongAdder;

/** The reference server's counters (for {@code /health} and the log). */
public final class ServerStats {
    private final LongAdder received = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder slowDropped = new LongAdder();
    private final LongAdder recovered = new LongAdder();
    private final LongAdder published = new LongAdder();

    void received() {
        received.increment();
    }

    void invalid() {
        invalid.increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void slowConsumerDropped() {
        slowDropped.increment();
    }

    void recovered(int n) {
        recovered.add(n);
    }

    void published() {
        published.increment();
    }

    /** A copy of the counters. */
    public Snapshot snapshot() {
        return new Snapshot(received.sum(), invalid.sum(), rateLimited.sum(), slowDropped.sum(), recovered.sum(),
                published.sum());
    }

    /** Counters at one moment. */
    public record Snapshot(long framesReceived, long framesInvalid, long framesRateLimited, long slowConsumersDropped,
                           long messagesRecovered, long messagesPublished) {
    }
}
