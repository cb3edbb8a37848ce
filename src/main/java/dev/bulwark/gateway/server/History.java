package dev.bulwark.gateway.server;

import dev.bulwark.gateway.StreamOffset;
import java.util.List;

/** A bounded per-channel history of delivered messages, for recovery and long-polling. */
interface History {

    /** What a client that last saw {@code after} in {@code epoch} missed. */
    record Replay(boolean complete, String gapReason, List<Message> messages) {
        static Replay gap(String reason) {
            return new Replay(false, reason, List.of());
        }
    }

    /** The current epoch of {@code channel}. */
    String epoch(String channel) throws Exception;

    /** Every message after {@code after}, oldest first, or a gap when some are no longer held or the epoch changed. */
    Replay after(String channel, String epoch, StreamOffset after) throws Exception;
}
