package dev.bulwark.gateway.forward;

import dev.bulwark.docker.alert.Alert;
import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.client.GatewayConnector;
import dev.bulwark.scan.policy.FailOn;
import dev.bulwark.scan.report.ScanReport;
import dev.bulwark.util.NamedThreads;
import dev.bulwark.util.reconnect.ReconnectLoop;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards Bulwark's own events to the gateway: container alerts as {@code container_status}, scan findings at or
 * above the fail threshold as {@code threat_alert} ({@link EventMapping}). Events are accepted from any thread and
 * sent in order on one background thread, so a slow target never holds up the caller (the UI thread).
 *
 * <p>Through the connected gateway client ({@code gateway}) a message is queued while the client is away and sent
 * after it resubscribes (the client's offline queue). Before any client exists (at start, before the saved connection
 * is made, or after Disconnect) messages wait here, at most {@value #PENDING_LIMIT} (oldest dropped), and go to the
 * next client as soon as it reports. An explicit target ({@code http(s)://}, {@code redis://}) is
 * sent to at once; a failure there is counted and logged, not retried (the message was about a moment that passed).
 */
public final class EventForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventForwarder.class);

    /**
     * What was forwarded since start.
     *
     * @param sent      messages handed to the target (or to the client's queue)
     * @param pending   messages waiting for a gateway client to exist
     * @param failed    messages not accepted (target refused or unreachable, or dropped from the full pending list)
     * @param lastError why the last failure happened, or null
     */
    public record Stats(long sent, int pending, long failed, String lastError) {
    }

    /** Messages kept while no gateway client exists. */
    public static final int PENDING_LIMIT = 1000;

    private final Supplier<ForwardOptions> options;
    private final GatewayConnector connector;
    private final TargetPublishers.Factory publishers;
    private final Supplier<String> clientId;
    private final Supplier<FailOn> threshold;
    private final Clock clock;
    private final FrameCodec codec = FrameCodec.create();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(NamedThreads.virtual("gateway-forward"));
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastError;
    private final java.util.concurrent.ConcurrentLinkedDeque<ForwardedEvent> pending =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    // sender thread only:
    private String openTarget;
    private TargetPublishers.Closeable publisher;

    /**
     * @param options    what to forward and where, read for every event
     * @param connector  the application's gateway client (target {@code gateway})
     * @param publishers opens explicit targets
     * @param clientId   the {@code client_id} stamped on forwarded messages
     * @param threshold  the scan fail threshold (findings at or above it are forwarded)
     * @param clock      message timestamps
     */
    public EventForwarder(Supplier<ForwardOptions> options, GatewayConnector connector,
                          TargetPublishers.Factory publishers, Supplier<String> clientId, Supplier<FailOn> threshold,
                          Clock clock) {
        this.options = Objects.requireNonNull(options);
        this.connector = Objects.requireNonNull(connector);
        this.publishers = Objects.requireNonNull(publishers);
        this.clientId = Objects.requireNonNull(clientId);
        this.threshold = Objects.requireNonNull(threshold);
        this.clock = Objects.requireNonNull(clock);
        connector.addListener(new GatewayConnector.Listener() {
            @Override
            public void onMessage(dev.bulwark.gateway.client.GatewayClient.InboundMessage message) {
                // the forwarder only publishes
            }

            @Override
            public void onStatus(dev.bulwark.gateway.client.GatewayStatus status) {
                // A client exists now: hand it what waited (it queues and persists until it is connected).
                if (!pending.isEmpty()) {
                    drainLater();
                }
            }
        });
    }

    /** A container alert (any thread): forwarded when container health forwarding is on. */
    public void onAlert(Alert alert) {
        ForwardOptions o = options.get();
        if (!o.off() && o.containerHealth()) {
            submit(o, List.of(EventMapping.containerStatus(alert)));
        }
    }

    /** A finished scan (any thread): its findings at or above the threshold, when scan forwarding is on. */
    public void onScan(ScanReport report) {
        ForwardOptions o = options.get();
        if (!o.off() && o.scanFindings()) {
            List<ForwardedEvent> events = EventMapping.scanFindings(report, threshold.get());
            if (!events.isEmpty()) {
                submit(o, events);
            }
        }
    }

    /** Counters so far. */
    public Stats stats() {
        return new Stats(sent.get(), pending.size(), failed.get(), lastError);
    }

    private void submit(ForwardOptions o, List<ForwardedEvent> events) {
        try {
            sender.execute(() -> {
                drainPending();
                events.forEach(e -> send(o, e));
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("forwarder closed: {} event(s) not forwarded", events.size());
        }
    }

    private void drainLater() {
        try {
            sender.execute(this::drainPending);
        } catch (RejectedExecutionException e) {
            LOG.debug("forwarder closed");
        }
    }

    /** Sender thread: hands waiting messages to the client, oldest first, while one exists. */
    private void drainPending() {
        for (ForwardedEvent e; (e = pending.peekFirst()) != null; ) {
            if (!connector.publish(e.channel(), e.type(), e.data())) {
                return;
            }
            pending.pollFirst();
            sent.incrementAndGet();
        }
    }

    private void send(ForwardOptions o, ForwardedEvent e) {
        try {
            if (o.viaClient()) {
                if (!pending.isEmpty() || !connector.publish(e.channel(), e.type(), e.data())) {
                    pending.addLast(e);
                    while (pending.size() > PENDING_LIMIT) {
                        pending.pollFirst();
                        failed.incrementAndGet();
                        lastError = "no gateway client: the oldest waiting messages were dropped";
                    }
                    drainPending();
                    return;
                }
            } else {
                String json = codec.encode(GatewayFrame.of(e.type(), e.channel(), e.data(), clock.instant(),
                        clientId.get()));
                publisherFor(o.target()).publish(json);
            }
            sent.incrementAndGet();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (Exception ex) {
            failed.incrementAndGet();
            String why = dev.bulwark.util.Errors.rootMessage(ex);
            // Once per distinct reason: a target that is down would otherwise log every event.
            if (!why.equals(lastError)) {
                LOG.warn("forwarding {} on {} failed: {}", e.type(), e.channel(), why);
            }
            lastError = why;
        }
    }

    private TargetPublishers.Closeable publisherFor(String target) throws Exception {
        if (!target.equals(openTarget)) {
            closePublisher();
            publisher = publishers.open(target);
            openTarget = target;
        }
        return publisher;
    }

    private void closePublisher() {
        if (publisher != null) {
            try {
                publisher.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the forward publisher failed", e);
            }
            publisher = null;
            openTarget = null;
        }
    }

    /** Sends what is already accepted (waiting up to 5 s), then closes the explicit target's publisher. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sender.shutdownNow();
        }
        closePublisher();
    }
}
