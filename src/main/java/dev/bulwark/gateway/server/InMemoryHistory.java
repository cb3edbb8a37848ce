package dev.bulwark.gateway.server;

import dev.bulwark.gateway.StreamOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The history of a server without Redis: the last {@code capacity} messages of each channel, offsets
 * {@code 0-1, 0-2, ...}, and one random epoch for the process (a restart loses the history, and the new epoch
 * says so to recovering clients).
 */
final class InMemoryHistory implements History {
    private final int capacity;
    private final String epoch = UUID.randomUUID().toString();
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    InMemoryHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history must hold at least 1 message, was " + capacity);
        }
        this.capacity = capacity;
    }

    private static final class Ring {
        final ArrayDeque<Message> messages = new ArrayDeque<>();
        long next = 1;
        StreamOffset trimmed = StreamOffset.ZERO;
    }

    /** Appends {@code text} to {@code channel}'s history and returns it with its offset. */
    Message append(String channel, String text) {
        Ring r = rings.computeIfAbsent(channel, c -> new Ring());
        synchronized (r) {
            Message m = new Message(channel, new StreamOffset(0, r.next++), epoch, text);
            r.messages.addLast(m);
            if (r.messages.size() > capacity) {
                r.trimmed = r.messages.removeFirst().offset();
            }
            return m;
        }
    }

    @Override
    public String epoch(String channel) {
        return epoch;
    }

    @Override
    public Replay after(String channel, String clientEpoch, StreamOffset after) {
        if (!epoch.equals(clientEpoch)) {
            return Replay.gap("epoch changed");
        }
        Ring r = rings.computeIfAbsent(channel, c -> new Ring());
        synchronized (r) {
            if (r.trimmed.isAfter(after)) {
                return Replay.gap("beyond history");
            }
            List<Message> out = new ArrayList<>();
            for (Message m : r.messages) {
                if (m.offset().isAfter(after)) {
                    out.add(m);
                }
            }
            return new Replay(true, null, out);
        }
    }
}
