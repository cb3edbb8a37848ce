package dev.bulwark.gateway.client;

import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.StreamOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the client knows about its place in each channel's history, and the guarantee that follows from it: the
 * last position seen per channel (sent back in a {@code subscribe} to recover from), which messages are replays
 * (at or before the head the server reported when the subscription took effect), which are duplicates (at or
 * before the last position, same epoch), and whether the last reconnection was "recovered" or left a gap of N
 * seconds. Used on the client's connection thread; positions are also read by the polling session there.
 */
final class RecoveryTracker {
    private record Position(String epoch, StreamOffset offset) {
    }

    /** What to do with one data message. */
    enum Verdict { NEW, RECOVERED, DUPLICATE }

    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final Map<String, StreamOffset> boundary = new HashMap<>();
    private volatile GatewayStatus.Recovery recovery = GatewayStatus.Recovery.LIVE;
    private Instant disconnectedAt;

    GatewayStatus.Recovery recovery() {
        return recovery;
    }

    /** A connection is up; {@code extended} when the server can replay. Returns the seconds away (0 the first time). */
    long connectionUp(boolean extended, Instant now) {
        boundary.clear();
        if (disconnectedAt == null) {
            recovery = GatewayStatus.Recovery.LIVE;
            return 0;
        }
        long away = Math.max(0, Duration.between(disconnectedAt, now).toSeconds());
        recovery = extended && !positions.isEmpty()
                ? new GatewayStatus.Recovery(GatewayStatus.Recovery.Kind.RECOVERED, 0, null)
                : new GatewayStatus.Recovery(GatewayStatus.Recovery.Kind.GAP, away,
                extended ? "nothing to recover from" : "server without recovery: messages may have been missed");
        return away;
    }

    void connectionDown(Instant now) {
        disconnectedAt = now;
    }

    /** The {@code epoch} and {@code offset} to recover {@code channel} from, or null when none is known. */
    String[] resumePoint(String channel) {
        Position p = positions.get(channel);
        return p == null ? null : new String[] {p.epoch(), p.offset().toString()};
    }

    /**
     * A {@code subscribed} from an extended server: a fresh subscription starts at {@code head}; a recovery that
     * succeeded marks what follows up to {@code head} as replayed; one that failed is a gap.
     *
     * @param recovered null for a fresh subscription
     */
    void acknowledged(String channel, String epoch, StreamOffset head, Boolean recovered, String reason, Instant now) {
        if (recovered == null) {
            positions.putIfAbsent(channel, new Position(epoch, head));
        } else if (recovered) {
            boundary.put(channel, head);
        } else {
            positions.put(channel, new Position(epoch, StreamOffset.ZERO));
            gap(channel, reason, now);
        }
    }

    /** Some of {@code channel}'s messages could not be had. */
    void gap(String channel, String reason, Instant now) {
        long away = disconnectedAt == null ? 0 : Math.max(0, Duration.between(disconnectedAt, now).toSeconds());
        recovery = new GatewayStatus.Recovery(GatewayStatus.Recovery.Kind.GAP, away, channel + ": " + reason);
    }

    /** Classifies a data message and advances the channel's position. Messages without a position are new. */
    Verdict accept(GatewayFrame f) {
        if (f.offset() == null || f.channel() == null) {
            return Verdict.NEW;
        }
        Position p = positions.get(f.channel());
        if (p != null && p.epoch().equals(f.epoch()) && !f.offset().isAfter(p.offset())) {
            return Verdict.DUPLICATE;
        }
        positions.put(f.channel(), new Position(f.epoch(), f.offset()));
        StreamOffset b = boundary.get(f.channel());
        return b != null && !f.offset().isAfter(b) ? Verdict.RECOVERED : Verdict.NEW;
    }

    /** {@code epoch@offset} per channel ("" when unknown), for {@code /events}. */
    List<String> afterList(List<String> channels) {
        return channels.stream().map(c -> {
            Position p = positions.get(c);
            return p == null ? "" : p.epoch() + "@" + p.offset();
        }).toList();
    }

    /** Sets a channel's position from {@code epoch@offset} when none is known (polling from now). */
    void positionIfAbsent(String channel, String epochAtOffset) {
        int at = epochAtOffset.lastIndexOf('@');
        if (at > 0) {
            positions.putIfAbsent(channel, new Position(epochAtOffset.substring(0, at),
                    StreamOffset.parse(epochAtOffset.substring(at + 1))));
        }
    }

    /** Polling found a gap on {@code channel}: start again from the server's current position. */
    void pollingGap(String channel, String reason, Instant now) {
        positions.remove(channel);
        gap(channel, reason, now);
    }

    /** Marks the first polling answer after a reconnection as replayed, up to the positions it returned. */
    void replayedUpTo(String channel, String epochAtOffset) {
        int at = epochAtOffset.lastIndexOf('@');
        if (at > 0 && positions.containsKey(channel)) {
            boundary.put(channel, StreamOffset.parse(epochAtOffset.substring(at + 1)));
        }
    }
}
