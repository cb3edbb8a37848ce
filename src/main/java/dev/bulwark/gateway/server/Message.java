package dev.bulwark.gateway.server;

import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.gateway.StreamOffset;

/**
 * One data message as the server relays it: the text exactly as it was published (what a legacy client
 * receives, byte for byte) and its position in the channel's history (what an extended client also gets).
 */
final class Message {
    private final String channel;
    private final StreamOffset offset;
    private final String epoch;
    private final String legacyText;
    private volatile String extendedText;

    Message(String channel, StreamOffset offset, String epoch, String legacyText) {
        this.channel = channel;
        this.offset = offset;
        this.epoch = epoch;
        this.legacyText = legacyText;
    }

    String channel() {
        return channel;
    }

    StreamOffset offset() {
        return offset;
    }

    String epoch() {
        return epoch;
    }

    String legacyText() {
        return legacyText;
    }

    /** The legacy text plus {@code offset} and {@code epoch}; built once, on first use, for all extended clients. */
    String extendedText(FrameCodec codec) {
        if (offset == null) {
            return legacyText; // Redis could not place it in the history: delivered without a position
        }
        String t = extendedText;
        if (t == null) {
            t = codec.extend(legacyText, offset, epoch);
            extendedText = t;
        }
        return t;
    }
}
