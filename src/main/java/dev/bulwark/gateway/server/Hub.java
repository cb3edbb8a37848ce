package dev.bulwark.gateway.server;

import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.StreamOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Who is subscribed to what, and the one place messages fan out. Delivery to a channel and changes to its
 * subscribers happen under that channel's lock, so a subscriber sees a channel's messages in history order,
 * and a recovering subscriber's replay joins the live stream with no gap and no duplicate: while the history
 * is read, live messages for it are held on the connection and released after the replay, skipping those the
 * replay already held (by offset).
 */
final class Hub {

    /** A subscriber: a WebSocket connection. Called under the channel's lock; must not block. */
    interface Subscriber {
        /** Queues a live message (or holds it while this channel recovers). */
        void deliver(Message m);
    }

    private static final class Slot {
        final Set<Subscriber> subscribers = new LinkedHashSet<>();
        final List<CompletableFuture<Void>> waiters = new ArrayList<>();
        StreamOffset head = StreamOffset.ZERO;
        String epoch;
    }

    private final Map<String, Slot> slots = new HashMap<>();

    Hub() {
        for (String c : Channels.ALL) {
            slots.put(c, new Slot());
        }
    }

    private Slot slot(String channel) {
        Slot s = slots.get(channel);
        if (s == null) {
            throw new IllegalArgumentException(Channels.require(channel));
        }
        return s;
    }

    /** Fans {@code m} out to its channel's subscribers, in the order deliveries arrive (history order). */
    void deliver(Message m) {
        Slot s = slot(m.channel());
        List<CompletableFuture<Void>> wake;
        synchronized (s) {
            if (m.offset() != null && (m.offset().isAfter(s.head) || !m.epoch().equals(s.epoch))) {
                s.head = m.offset();
                s.epoch = m.epoch();
            }
            for (Subscriber sub : s.subscribers) {
                sub.deliver(m);
            }
            wake = List.copyOf(s.waiters);
            s.waiters.clear();
        }
        wake.forEach(f -> f.complete(null));
    }

    /** Sets where {@code channel}'s history stands before any delivery (a Redis stream that already has entries). */
    void initHead(String channel, String epoch, StreamOffset head) {
        Slot s = slot(channel);
        synchronized (s) {
            if (head.isAfter(s.head)) {
                s.head = head; // unless a delivery raced ahead already
            }
            if (s.epoch == null) {
                s.epoch = epoch;
            }
        }
    }

    /** Adds {@code sub} to {@code channel} and runs {@code whileLocked} before any later message reaches it. */
    void subscribe(String channel, Subscriber sub, Runnable whileLocked) {
        Slot s = slot(channel);
        synchronized (s) {
            s.subscribers.add(sub);
            whileLocked.run();
        }
    }

    /** Runs {@code r} under {@code channel}'s lock (to release held messages in order). */
    void locked(String channel, Runnable r) {
        synchronized (slot(channel)) {
            r.run();
        }
    }

    /** Removes {@code sub} from {@code channel}; true when it was subscribed. */
    boolean unsubscribe(String channel, Subscriber sub) {
        Slot s = slot(channel);
        synchronized (s) {
            return s.subscribers.remove(sub);
        }
    }

    /** Removes {@code sub} from every channel. */
    void removeEverywhere(Subscriber sub) {
        for (Slot s : slots.values()) {
            synchronized (s) {
                s.subscribers.remove(sub);
            }
        }
    }

    /** The newest offset delivered on {@code channel} (0-0 before any). */
    StreamOffset head(String channel) {
        Slot s = slot(channel);
        synchronized (s) {
            return s.head;
        }
    }

    /** Completes on the next delivery to any of {@code channels} (long-polling). */
    CompletableFuture<Void> nextDelivery(List<String> channels) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        for (String c : channels) {
            Slot s = slot(c);
            synchronized (s) {
                s.waiters.add(f);
            }
        }
        return f;
    }

    /** Forgets a long-poll waiter that timed out. */
    void forget(List<String> channels, CompletableFuture<Void> f) {
        for (String c : channels) {
            Slot s = slot(c);
            synchronized (s) {
                s.waiters.remove(f);
            }
        }
    }

    /** Subscribers per channel, for /health and the tests. */
    int subscribers(String channel) {
        Slot s = slot(channel);
        synchronized (s) {
            return s.subscribers.size();
        }
    }
}
