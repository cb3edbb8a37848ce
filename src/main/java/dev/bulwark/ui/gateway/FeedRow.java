package dev.bulwark.ui.gateway;

import dev.bulwark.gateway.FrameSummary;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.client.GatewayClient;
import java.time.Instant;
import java.util.Locale;

/**
 * One received data message as the live feed shows it. Built on the client's thread, so the summary is computed
 * before the row reaches the UI thread.
 *
 * @param receivedAt when it arrived
 * @param channel    its channel
 * @param type       its message type
 * @param summary    one line about it ({@link FrameSummary})
 * @param recovered  it was missed while away and replayed
 * @param frame      the frame itself (for the detail pane)
 */
public record FeedRow(Instant receivedAt, String channel, String type, String summary, boolean recovered,
                      GatewayFrame frame) {

    /** The row for a received message. */
    public static FeedRow of(GatewayClient.InboundMessage m) {
        GatewayFrame f = m.frame();
        return new FeedRow(m.receivedAt(), f.channel() == null ? "" : f.channel(), f.type(), FrameSummary.of(f),
                m.recovered(), f);
    }

    /** True when it matches the lower-cased {@code needle} in its channel, type or summary (blank matches all). */
    boolean matches(String needle) {
        return needle.isEmpty() || channel.toLowerCase(Locale.ROOT).contains(needle)
                || type.toLowerCase(Locale.ROOT).contains(needle) || summary.toLowerCase(Locale.ROOT).contains(needle);
    }
}
