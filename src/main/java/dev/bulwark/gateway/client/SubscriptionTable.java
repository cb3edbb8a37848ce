package dev.bulwark.gateway.client;

import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.client.GatewayStatus.Subscription;
import dev.bulwark.gateway.client.GatewayStatus.Subscription.Ack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions as desired state. Callers say which channels they want at any time; the connection's thread
 * {@link #due reconciles}: it sends one subscribe per wanted channel that this connection has not sent yet, one
 * unsubscribe per channel no longer wanted, and sends again (counted as a retry, and shown as missing) when an
 * acknowledgement does not come within the timeout. After a reconnect everything is sent again exactly once.
 * Thread-safe.
 */
public final class SubscriptionTable {

    /** A frame the connection must send now. */
    public record Action(String type, String channel, boolean retry) {
    }

    private static final class Entry {
        boolean wanted = true;
        Ack ack = Ack.NOT_SENT;
        Instant sentAt;
        int attempts;
        boolean unsubscribing;
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Wants {@code channel}; no effect if already wanted. */
    public synchronized void subscribe(String channel) {
        Channels.require(channel);
        Entry e = entries.computeIfAbsent(channel, c -> new Entry());
        if (!e.wanted || e.unsubscribing) {
            e.wanted = true;
            e.unsubscribing = false;
            e.ack = Ack.NOT_SENT;
            e.attempts = 0;
        }
    }

    /** No longer wants {@code channel}. */
    public synchronized void unsubscribe(String channel) {
        Entry e = entries.get(channel);
        if (e == null) {
            return;
        }
        if (e.ack == Ack.NOT_SENT) {
            entries.remove(channel); // never reached this connection's server: nothing to undo
            return;
        }
        e.wanted = false;
        e.unsubscribing = true;
        e.ack = Ack.NOT_SENT;
        e.attempts = 0;
    }

    /** The wanted channels, in the order they were first wanted. */
    public synchronized List<String> wanted() {
        return entries.entrySet().stream().filter(e -> e.getValue().wanted).map(Map.Entry::getKey).toList();
    }

    /** A new connection: nothing has been sent on it. Channels being unsubscribed are simply forgotten. */
    public synchronized void newConnection() {
        entries.values().removeIf(e -> !e.wanted);
        for (Entry e : entries.values()) {
            e.ack = Ack.NOT_SENT;
            e.sentAt = null;
            e.attempts = 0;
        }
    }

    /** What to send now: first sends, and retries of acknowledgements missing for {@code ackTimeout}. */
    public synchronized List<Action> due(Instant now, Duration ackTimeout) {
        List<Action> out = new ArrayList<>();
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            String type = e.wanted ? "subscribe" : "unsubscribe";
            boolean late = (e.ack == Ack.PENDING || e.ack == Ack.MISSING) && e.sentAt != null
                    && Duration.between(e.sentAt, now).compareTo(ackTimeout) >= 0;
            if (e.ack == Ack.NOT_SENT || late) {
                if (late) {
                    e.ack = Ack.MISSING;
                }
                e.sentAt = now;
                e.attempts++;
                if (!late) {
                    e.ack = Ack.PENDING;
                }
                out.add(new Action(type, me.getKey(), late));
            }
        }
        return out;
    }

    /** {@code subscribed} arrived; true when it answered a wanted channel. */
    public synchronized boolean subscribed(String channel) {
        Entry e = entries.get(channel);
        if (e == null || !e.wanted) {
            return false;
        }
        e.ack = Ack.ACKED;
        return true;
    }

    /** {@code unsubscribed} arrived. */
    public synchronized void unsubscribed(String channel) {
        Entry e = entries.get(channel);
        if (e != null && !e.wanted) {
            entries.remove(channel);
        }
    }

    /** True when {@code channel} is wanted (messages of other channels are not expected). */
    public synchronized boolean isWanted(String channel) {
        Entry e = entries.get(channel);
        return e != null && e.wanted;
    }

    /** True when every wanted channel is acknowledged on this connection (also when none is wanted). */
    public synchronized boolean allAcknowledged() {
        return entries.values().stream().filter(e -> e.wanted).allMatch(e -> e.ack == Ack.ACKED);
    }

    /** The wanted channels with their states. */
    public synchronized List<Subscription> snapshot() {
        List<Subscription> out = new ArrayList<>();
        entries.forEach((c, e) -> {
            if (e.wanted) {
                out.add(new Subscription(c, e.ack, e.attempts));
            }
        });
        return out;
    }
}
