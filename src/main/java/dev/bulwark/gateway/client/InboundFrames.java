package dev.bulwark.gateway.client;

import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.StreamOffset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link GatewayClient} does with each frame it receives (over WebSocket or polling), on the client's loop
 * thread: drops and counts what is oversized, invalid or binary (logging each kind once), answers the heartbeat,
 * records acknowledgements and recovery, drops duplicates and hands data messages to the listener. The counters
 * may be read from any thread.
 */
final class InboundFrames {
    // the client's logger: what an operator filters on for "the gateway client" stays one name
    private static final Logger LOG = LoggerFactory.getLogger(GatewayClient.class);

    private final GatewayClientConfig config;
    private final FrameCodec codec;
    private final Clock clock;
    private final SubscriptionTable subscriptions;
    private final RecoveryTracker tracker;
    private final Heartbeat heartbeat;
    private final BooleanSupplier extended;
    private final GatewayClient.Listener listener;
    private final InboundLog inboundLog = new InboundLog();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong recoveredCount = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong unknownTypes = new AtomicLong();
    private final AtomicLong binary = new AtomicLong();
    private volatile String lastError;

    /** @param extended whether the current connection's server speaks the recovery extension */
    InboundFrames(GatewayClientConfig config, FrameCodec codec, Clock clock, SubscriptionTable subscriptions,
                  RecoveryTracker tracker, Heartbeat heartbeat, BooleanSupplier extended,
                  GatewayClient.Listener listener) {
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.subscriptions = subscriptions;
        this.tracker = tracker;
        this.heartbeat = heartbeat;
        this.extended = extended;
        this.listener = listener;
    }

    /** A text frame. */
    void text(String text) {
        if (text.length() > config.maxInboundBytes() / 4
                && text.getBytes(StandardCharsets.UTF_8).length > config.maxInboundBytes()) {
            oversized.incrementAndGet();
            inboundLog.once("oversized", "a frame over " + config.maxInboundBytes() + " bytes was dropped");
            return;
        }
        GatewayFrame f;
        try {
            f = codec.decode(text);
        } catch (FrameCodec.FrameException e) {
            invalid.incrementAndGet();
            inboundLog.once(e.problem().name(), "an invalid frame was dropped: " + e.getMessage());
            return;
        }
        Instant now = clock.instant();
        switch (f.type()) {
            case "pong" -> heartbeat.pong(now);
            case "info" -> LOG.debug("gateway {}: {}", config.describe(), f.dataText("message"));
            case "subscribed" -> acknowledged(f);
            case "unsubscribed" -> subscriptions.unsubscribed(f.channel());
            case "error" -> {
                lastError = f.dataText("error");
                LOG.warn("gateway {} says: {}", config.describe(), lastError);
            }
            default -> data(f, now);
        }
    }

    /** A binary frame: the protocol has none. */
    void binary(int bytes) {
        binary.incrementAndGet();
        inboundLog.once("binary", "a binary frame of " + bytes + " bytes was dropped: the protocol has none");
    }

    private void acknowledged(GatewayFrame f) {
        String channel = f.channel() != null ? f.channel() : f.dataText("channel");
        if (channel == null || !subscriptions.subscribed(channel)) {
            return;
        }
        String epoch = f.dataText("epoch");
        String offset = f.dataText("offset");
        if (!extended.getAsBoolean() || epoch == null || offset == null) {
            return;
        }
        String recovered = f.dataText("recovered");
        String reason = f.dataText("reason");
        tracker.acknowledged(channel, epoch, StreamOffset.parse(offset), recovered == null ? null : Boolean.valueOf(recovered),
                reason, clock.instant());
        if ("false".equals(recovered)) {
            LOG.warn("gateway {}: {} could not be recovered ({}); messages may have been missed", config.describe(),
                    channel, reason);
        }
    }

    /** A data message (also one a poll returned): counted, deduplicated, handed to the listener. */
    void data(GatewayFrame f, Instant now) {
        if (!Channels.isKnown(f.channel()) || !f.type().equals(Channels.DATA_TYPES.get(f.channel()))) {
            unknownTypes.incrementAndGet();
            inboundLog.once("type:" + f.type(), "a message of unknown type '" + f.type() + "' on " + f.channel()
                    + " was received");
        }
        RecoveryTracker.Verdict v = tracker.accept(f);
        if (v == RecoveryTracker.Verdict.DUPLICATE) {
            duplicates.incrementAndGet();
            return;
        }
        boolean wasRecovered = v == RecoveryTracker.Verdict.RECOVERED;
        received.incrementAndGet();
        if (wasRecovered) {
            recoveredCount.incrementAndGet();
        }
        listener.onMessage(new GatewayClient.InboundMessage(f, now, wasRecovered));
    }

    /** The counters, with the outbound queue's figures. */
    GatewayStatus.Counters counters(long queued, long dropped) {
        return new GatewayStatus.Counters(received.get(), recoveredCount.get(), duplicates.get(), queued, dropped,
                invalid.get(), oversized.get(), unknownTypes.get(), binary.get());
    }

    /** The last error the server sent, or null. */
    String lastError() {
        return lastError;
    }
}
