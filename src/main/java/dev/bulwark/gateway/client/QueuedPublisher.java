package dev.bulwark.gateway.client;

import dev.bulwark.util.Errors;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames Bulwark publishes, through the {@link OfflineQueue}: every frame is queued first (bounded, persisted), and
 * a flush sends them oldest first while the client is online, one flush at a time; a frame that fails stays at the
 * head for the next flush, so order is kept and nothing is lost short of the queue's bound.
 */
final class QueuedPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedPublisher.class);
    private final OfflineQueue queue;
    private final GatewayPublisher publisher;
    private final Executor executor;
    private final String where;
    private final AtomicBoolean flushing = new AtomicBoolean();

    QueuedPublisher(OfflineQueue queue, GatewayPublisher publisher, Executor executor, String where) {
        this.queue = queue;
        this.publisher = publisher;
        this.executor = executor;
        this.where = where;
    }

    boolean canPublish() {
        return publisher != null;
    }

    void enqueue(String frame) {
        queue.add(frame);
    }

    int queued() {
        return queue.size();
    }

    long dropped() {
        return queue.dropped();
    }

    /** Sends queued frames in the background while {@code online}; {@code done} runs after each flush. */
    void flush(BooleanSupplier online, Runnable done) {
        if (publisher == null || queue.size() == 0 || !flushing.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            try {
                for (String f; online.getAsBoolean() && (f = queue.peek()) != null; ) {
                    publisher.publish(f);
                    queue.removeFirst();
                }
            } catch (Exception e) {
                LOG.warn("gateway {}: publishing failed, {} frame(s) stay queued: {}", where, queue.size(), Errors.rootMessage(e));
            } finally {
                flushing.set(false);
                done.run();
            }
        });
    }
}
